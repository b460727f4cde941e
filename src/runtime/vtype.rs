//! The coarse type of a value: what a JIT type test learns, what a block
//! version's context records per local and temp, and what a shape records
//! per attribute slot (typed shapes, as in Higgs), so that a shape guard also
//! tells the type of every attribute loaded through it.

use crate::runtime::object::{IterState, Kind};
use crate::runtime::value::Value;

/// What is known of one value's type. At most 4 bits.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum Type {
    /// Nothing known: any value.
    #[default]
    Unknown = 0,
    /// An unboxed int (48-bit payload).
    Int = 1,
    Float = 2,
    Bool = 3,
    None = 4,
    Str = 5,
    List = 6,
    Tuple = 7,
    Dict = 8,
    /// An instance of a user class.
    Object = 9,
    /// Some heap object of unknown kind.
    Heap = 10,
    /// An iterator over a range (its state is Range for life).
    RangeIter = 11,
    /// An iterator over a list by index (its state is Seq over a list for
    /// life).
    ListIter = 12,
}

impl Type {
    pub const ALL: [Type; 13] = [
        Type::Unknown,
        Type::Int,
        Type::Float,
        Type::Bool,
        Type::None,
        Type::Str,
        Type::List,
        Type::Tuple,
        Type::Dict,
        Type::Object,
        Type::Heap,
        Type::RangeIter,
        Type::ListIter,
    ];

    /// The type of a concrete value (what a type test would learn).
    pub fn of(v: Value) -> Type {
        if v.is_small_int() {
            Type::Int
        } else if v.is_float() {
            Type::Float
        } else if v.is_bool() {
            Type::Bool
        } else if v.is_none() {
            Type::None
        } else {
            match v.kind() {
                Some(Kind::Str) => Type::Str,
                Some(Kind::List) => Type::List,
                Some(Kind::Tuple) => Type::Tuple,
                Some(Kind::Dict) => Type::Dict,
                Some(Kind::Instance) => Type::Object,
                Some(Kind::Iter) => match v.as_iter().map(|it| &it.state) {
                    Some(IterState::Range { .. }) => Type::RangeIter,
                    Some(IterState::Seq { seq, .. }) if seq.is_kind(Kind::List) => Type::ListIter,
                    _ => Type::Heap,
                },
                Some(_) => Type::Heap,
                None => Type::Unknown,
            }
        }
    }

    /// True for the heap-object types.
    pub fn is_heap(self) -> bool {
        matches!(
            self,
            Type::Str
                | Type::List
                | Type::Tuple
                | Type::Dict
                | Type::Object
                | Type::Heap
                | Type::RangeIter
                | Type::ListIter
        )
    }

    /// A short name for reports (`int`, `float`, `?`).
    pub fn name(self) -> &'static str {
        match self {
            Type::Unknown => "?",
            Type::Int => "int",
            Type::Float => "float",
            Type::Bool => "bool",
            Type::None => "None",
            Type::Str => "str",
            Type::List => "list",
            Type::Tuple => "tuple",
            Type::Dict => "dict",
            Type::Object => "obj",
            Type::Heap => "heap",
            Type::RangeIter => "range_iter",
            Type::ListIter => "list_iter",
        }
    }
}
