//! Attribute access: instance attributes through shapes, class attributes
//! through the MRO, method loading without bound-method allocation, and the
//! special attributes of classes, functions, modules and exceptions.

use super::object::*;
use super::value::Value;
use super::vm::Vm;
use super::vtype::Type;
use super::PyResult;
use crate::intern::Sym;

impl Vm {
    /// Looks `name` up in the MRO of class `cls`.
    /// Results are cached per (class, name) until a class changes or the
    /// collector runs (a freed class's address may be reused).
    pub fn class_lookup(&self, cls: Value, name: Sym) -> Option<Value> {
        let key = (cls.0, name.0);
        if let Some(&r) = self.lookup_cache.borrow().get(&key) {
            return r;
        }
        let c = cls.as_class()?;
        let mut found = None;
        for k in &c.mro {
            if let Some(v) = k.as_class().and_then(|kc| kc.dict.get(&name)) {
                found = Some(*v);
                break;
            }
        }
        self.lookup_cache.borrow_mut().insert(key, found);
        found
    }

    /// Records that some class's attributes changed: cached lookups and JIT
    /// code that assumed them are invalid.
    /// A class or a module attribute changed: code that resolved attributes
    /// of classes or modules at compile time (guarded by the epoch) must
    /// not go on.
    pub fn class_changed(&mut self) {
        self.lookup_cache.borrow_mut().clear();
        self.class_epoch += 1;
    }

    /// `obj.name`.
    pub fn getattr(&mut self, obj: Value, name: Sym) -> PyResult<Value> {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    /// `obj.name`, or None when there is no such attribute.
    pub fn getattr_opt(&mut self, obj: Value, name: Sym) -> PyResult<Option<Value>> {
        if let Some(inst) = obj.as_instance() {
            if let Some(slot) = self.shapes.lookup(inst.shape.get(), name) {
                return Ok(Some(inst.slots[slot as usize]));
            }
            if name == self.s.class {
                return Ok(Some(inst.class));
            }
            if let Some(st) = inst.exc.as_ref() {
                if name == self.s.args {
                    return Ok(Some(st.args));
                }
            }
            return self.class_attr_for(obj, inst.class, name);
        }
        match obj.kind() {
            Some(Kind::Class) => {
                if let Some(v) = self.class_lookup(obj, name) {
                    return Ok(Some(v));
                }
                let c = cast!(obj, ClassObj);
                let s = &self.s;
                if name == s.name {
                    return Ok(Some(c.name));
                }
                if name == s.qualname {
                    return Ok(Some(c.qualname));
                }
                if name == s.module {
                    return Ok(Some(c.module));
                }
                if self.names.name(name) == "__base__" {
                    return Ok(Some(c.base));
                }
                if self.names.name(name) == "__mro__" {
                    let items = c.mro.clone();
                    return Ok(Some(self.new_tuple(items)));
                }
                if name == self.s.class {
                    return Ok(Some(self.cls.type_));
                }
                Ok(None)
            }
            Some(Kind::Module) => Ok(cast!(obj, ModuleObj).attrs.get(&name).copied()),
            Some(Kind::Function) => {
                let f = cast!(obj, FunctionObj);
                if name == self.s.class {
                    Ok(Some(self.cls.function))
                } else if name == self.s.name {
                    Ok(Some(f.name))
                } else if name == self.s.qualname {
                    Ok(Some(f.qualname))
                } else {
                    Ok(None)
                }
            }
            Some(Kind::Builtin) if name == self.s.name => {
                let n = cast!(obj, BuiltinObj).name;
                Ok(Some(self.new_str(n)))
            }
            Some(Kind::BoundMethod) => {
                let m = cast!(obj, BoundMethodObj);
                if self.names.name(name) == "__self__" {
                    Ok(Some(m.receiver))
                } else if self.names.name(name) == "__func__" {
                    Ok(Some(m.func))
                } else {
                    let f = m.func;
                    self.getattr_opt(f, name)
                }
            }
            Some(Kind::Super) => {
                let s = cast!(obj, SuperObj);
                let (start, target) = (s.class, s.obj);
                let owner = if target.as_class().is_some() {
                    target
                } else {
                    self.class_of(target)
                };
                let mro = owner.as_class().map(|c| c.mro.clone()).unwrap_or_default();
                let pos = mro
                    .iter()
                    .position(|&c| c == start)
                    .map_or(mro.len(), |p| p + 1);
                for k in &mro[pos..] {
                    if let Some(&v) = k.as_class().and_then(|kc| kc.dict.get(&name)) {
                        return Ok(Some(self.bind(v, target)));
                    }
                }
                Ok(None)
            }
            _ => {
                let cls = self.class_of(obj);
                if name == self.s.class {
                    return Ok(Some(cls));
                }
                self.class_attr_for(obj, cls, name)
            }
        }
    }

    /// A class attribute seen through an instance: functions bind.
    fn class_attr_for(&mut self, obj: Value, cls: Value, name: Sym) -> PyResult<Option<Value>> {
        match self.class_lookup(cls, name) {
            Some(v) => Ok(Some(self.bind(v, obj))),
            None => Ok(None),
        }
    }

    /// Binds a function found on a class to `receiver`.
    pub fn bind(&mut self, v: Value, receiver: Value) -> Value {
        match v.kind() {
            Some(Kind::Function) => self.new_bound_method(v, receiver),
            Some(Kind::Builtin) if cast!(v, BuiltinObj).receiver.is_null() => {
                let b = cast!(v, BuiltinObj);
                let (name, f) = (b.name, b.f);
                self.heap.alloc(
                    BuiltinObj {
                        h: ObjHeader::new(Kind::Builtin),
                        name,
                        f,
                        receiver,
                    },
                    0,
                )
            }
            _ => v,
        }
    }

    /// `LoadMethod`: (callable, self) when a plain function is found on the
    /// type, else (attribute, NULL).
    pub fn load_method(&mut self, obj: Value, name: Sym) -> PyResult<(Value, Value)> {
        let (cls, shadowed) = match obj.as_instance() {
            Some(inst) => (
                inst.class,
                self.shapes.lookup(inst.shape.get(), name).is_some(),
            ),
            None if obj.as_class().is_some()
                || obj.as_module().is_some()
                || obj.as_super().is_some() =>
            {
                return Ok((self.getattr(obj, name)?, Value::NULL));
            }
            None => (self.class_of(obj), false),
        };
        if !shadowed {
            if let Some(v) = self.class_lookup(cls, name) {
                if v.is_kind(Kind::Function) || v.as_builtin().is_some_and(|b| b.receiver.is_null())
                {
                    return Ok((v, obj));
                }
            }
        }
        Ok((self.getattr(obj, name)?, Value::NULL))
    }

    /// `obj.name = v`.
    pub fn setattr(&mut self, obj: Value, name: Sym, v: Value) -> PyResult<()> {
        if let Some(inst) = obj.as_instance() {
            let shape = inst.shape.get();
            match self.shapes.lookup(shape, name) {
                Some(slot) => {
                    let next = self.shapes.after_store(shape, slot, Type::of(v));
                    inst.shape.set(next);
                    inst.slots[slot as usize] = v;
                    self.drop_broken_shape_assumptions();
                }
                None => {
                    if inst.exc.is_some() && name == self.s.args {
                        let t = self.tuple_from_iterable(v)?;
                        if let Some(st) = inst.exc.as_mut() {
                            st.args = t;
                        }
                        return Ok(());
                    }
                    let first = !self.shapes.class_has_attr(inst.class.0, name);
                    let next = self.shapes.add(shape, name, Type::of(v));
                    inst.shape.set(next);
                    inst.slots.push(v);
                    if let Some(c) = inst.class.as_class() {
                        let n = inst.slots.len() as u32;
                        if n > c.slot_hint.get() {
                            c.slot_hint.set(n.min(64));
                        }
                    }
                    self.drop_broken_shape_assumptions();
                    if first && self.class_lookup(inst.class, name).is_some() {
                        // The first instance attribute of this class that
                        // shadows a class attribute: code that resolved the
                        // class attribute by class alone must not go on.
                        self.class_changed();
                    }
                }
            }
            return Ok(());
        }
        if let Some(c) = obj.as_class() {
            if c.builtin != BuiltinType::User && c.builtin != BuiltinType::Exception {
                let n = c.name.as_str().unwrap_or("?");
                return Err(self.type_error(&format!(
                    "cannot set '{}' attribute of immutable type '{n}'",
                    self.names.name(name)
                )));
            }
            c.dict.insert(name, v);
            c.version.set(c.version.get() + 1);
            self.class_changed();
            return Ok(());
        }
        if let Some(m) = obj.as_module() {
            m.attrs.insert(name, v);
            // JIT code resolves module attributes at compile time.
            self.class_changed();
            return Ok(());
        }
        Err(self.no_attribute(obj, name))
    }

    /// Tells the JIT which final shapes it watched are final no more (an
    /// attribute store or `del` just made a way out of them).
    fn drop_broken_shape_assumptions(&mut self) {
        if self.shapes.has_broken() {
            let broken = self.shapes.take_broken();
            if let Some(jit) = self.jit.as_mut() {
                jit.drop_shape_assumptions(&broken);
            }
        }
    }

    /// `del obj.name`.
    pub fn delattr(&mut self, obj: Value, name: Sym) -> PyResult<()> {
        if let Some(inst) = obj.as_instance() {
            let shape = inst.shape.get();
            if let Some(slot) = self.shapes.lookup(shape, name) {
                // Rebuild the layout without the attribute.
                let names: Vec<Sym> = self.shapes.names(shape).to_vec();
                let mut kept = Vec::new();
                let mut vals = Vec::new();
                let mut types = Vec::new();
                for (i, n) in names.iter().enumerate() {
                    if i as u32 != slot {
                        kept.push(*n);
                        vals.push(inst.slots[i]);
                        types.push(self.shapes.slot_type(shape, i as u32));
                    }
                }
                let root = inst.class.as_class().map_or(0, |c| c.root_shape);
                let s = self.shapes.path(root, &kept, &types);
                self.shapes.deleted_from(shape);
                inst.shape.set(s);
                inst.slots = vals;
                self.drop_broken_shape_assumptions();
                return Ok(());
            }
        } else if let Some(c) = obj.as_class() {
            if c.dict.shift_remove(&name).is_some() {
                c.version.set(c.version.get() + 1);
                self.class_changed();
                return Ok(());
            }
        } else if let Some(m) = obj.as_module() {
            if m.attrs.shift_remove(&name).is_some() {
                self.class_changed();
                return Ok(());
            }
        }
        Err(self.no_attribute(obj, name))
    }
}
