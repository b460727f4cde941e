//! The builtin classes: `object`, the builtin types, and the exception
//! hierarchy. Builtin types are ordinary class objects (so `type(x)`,
//! `isinstance` and `__name__` work uniformly) tagged with a `BuiltinType`.

use super::heap::Heap;
use super::object::*;
use super::shapes::Shapes;
use super::value::Value;
use crate::intern::Interner;
use std::cell::Cell;

macro_rules! classes {
    ($object:ident; types: $($f:ident = $n:literal : $bt:ident < $tb:ident),* ; exceptions: $($e:ident = $en:literal < $base:ident),* $(,)?) => {
        /// Every builtin class.
        pub struct Classes {
            pub $object: Value,
            $(pub $f: Value,)*
            $(pub $e: Value,)*
        }

        impl Classes {
            /// Creates them all.
            pub fn create(heap: &mut Heap, names: &mut Interner, shapes: &mut Shapes) -> Classes {
                let $object = new_class(heap, names, shapes, "object", Value::NONE, BuiltinType::Object);
                $(let $f = new_class(heap, names, shapes, $n, $tb, BuiltinType::$bt);)*
                $(let $e = new_class(heap, names, shapes, $en, $base, BuiltinType::Exception);)*
                Classes { object: $object, $($f,)* $($e,)* }
            }

            /// All of them (GC roots).
            pub fn all(&self) -> Vec<Value> {
                vec![self.$object, $(self.$f,)* $(self.$e,)*]
            }

            /// The exception classes with their names (the builtins table).
            pub fn exceptions(&self) -> Vec<(&'static str, Value)> {
                vec![$(($en, self.$e),)*]
            }
        }
    };
}

classes! {
    object;
    types:
    type_ = "type": Type < object,
    int = "int": Int < object,
    bool_ = "bool": Bool < int,
    float = "float": Float < object,
    str_ = "str": Str < object,
    list = "list": List < object,
    tuple = "tuple": Tuple < object,
    dict = "dict": Dict < object,
    none = "NoneType": NoneType < object,
    function = "function": Function < object,
    builtin_function = "builtin_function_or_method": BuiltinFunction < object,
    range = "range": Range < object,
    iterator = "iterator": Iterator < object,
    module = "module": Module < object,
    slice = "slice": Slice < object,
    cell = "cell": Cell < object,
    method = "method": Method < object,
    super_ = "super": Super < object,
    dict_keys = "dict_keys": DictView < object,
    dict_values = "dict_values": DictView < object,
    dict_items = "dict_items": DictView < object;
    exceptions:
    base_exception = "BaseException" < object,
    system_exit = "SystemExit" < base_exception,
    keyboard_interrupt = "KeyboardInterrupt" < base_exception,
    exception = "Exception" < base_exception,
    arithmetic_error = "ArithmeticError" < exception,
    zero_division_error = "ZeroDivisionError" < arithmetic_error,
    overflow_error = "OverflowError" < arithmetic_error,
    assertion_error = "AssertionError" < exception,
    attribute_error = "AttributeError" < exception,
    import_error = "ImportError" < exception,
    module_not_found_error = "ModuleNotFoundError" < import_error,
    lookup_error = "LookupError" < exception,
    index_error = "IndexError" < lookup_error,
    key_error = "KeyError" < lookup_error,
    name_error = "NameError" < exception,
    unbound_local_error = "UnboundLocalError" < name_error,
    runtime_error = "RuntimeError" < exception,
    recursion_error = "RecursionError" < runtime_error,
    not_implemented_error = "NotImplementedError" < runtime_error,
    stop_iteration = "StopIteration" < exception,
    type_error = "TypeError" < exception,
    value_error = "ValueError" < exception,
    memory_error = "MemoryError" < exception,
    os_error = "OSError" < exception,
    file_not_found_error = "FileNotFoundError" < os_error,
}

/// Allocates a class object with its root shape. `base` is NONE for `object`.
pub fn new_class(
    heap: &mut Heap,
    names: &mut Interner,
    shapes: &mut Shapes,
    name: &str,
    base: Value,
    builtin: BuiltinType,
) -> Value {
    let name_v = heap.alloc(
        StrObj {
            h: ObjHeader::new(Kind::Str),
            s: name.into(),
            chars: name.chars().count(),
        },
        name.len(),
    );
    let module = heap.alloc(
        StrObj {
            h: ObjHeader::new(Kind::Str),
            s: "builtins".into(),
            chars: 8,
        },
        8,
    );
    let _ = names.intern(name);
    let c = heap.alloc(
        ClassObj {
            h: ObjHeader::new(Kind::Class),
            name: name_v,
            qualname: name_v,
            base,
            mro: Vec::new(),
            dict: Default::default(),
            builtin,
            root_shape: 0,
            slot_hint: Cell::new(4),
            version: Cell::new(0),
            module,
        },
        0,
    );
    let mut mro = vec![c];
    if let Some(b) = base.as_class() {
        mro.extend_from_slice(&b.mro);
    }
    let obj = c.as_class().expect("class");
    obj.mro = mro;
    obj.root_shape = shapes.new_root(c.0);
    c
}
