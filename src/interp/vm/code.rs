//! Compiled code: a function body as a flat list of stack-machine operations, its names
//! resolved at compile time (locals to slots, the rest to the module's globals and the
//! builtins), and, for each operation, the source span its errors are reported at.

use crate::syntax::ast::{BinOp, CmpOp, UnOp};
use crate::syntax::source::Span;
use crate::syntax::symbol::Sym;
use crate::value::Value;

/// One operation. Operands come from, and results go to, the frame's value stack.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    /// Pushes `consts[i]`.
    Const(u32),
    /// Pushes local slot `i` (`UnboundLocalError` before its first assignment).
    Load(u32),
    /// Pops into local slot `i`.
    Store(u32),
    /// Empties local slot `i` (`del x`; `UnboundLocalError` when already empty).
    Delete(u32),
    /// Cell `i`: the function's own cells, then those it was made with (closures).
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Makes the function `functions[i]`, its defaults on the stack.
    MakeFunction(u32),
    /// `[.., list, it1..itn, v] -> [.., list, it1..itn]`, appending `v` (comprehensions).
    ListAppend(u32),
    /// `[.., dict, it1..itn, k, v] -> [.., dict, it1..itn]`, with `dict[k] = v`.
    MapAdd(u32),
    /// Pushes the module-level or builtin name `names[i]`.
    LoadGlobal(u32),
    /// Pops into the module-level name `names[i]` (a module's own code).
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// `[.., annotation]`: `__annotations__[names[i]] = annotation` in the module's or
    /// class body's namespace (made on first use).
    Annotate(u32),
    /// An expression statement of a module: its value is shown when the session echoes.
    Echo,
    Pop,
    /// Pushes a copy of the top of the stack.
    Dup,
    /// Swaps the two topmost values.
    Swap,
    /// `[.., a, b] -> [.., a, b, a, b]` (augmented assignment to a subscript).
    Dup2,
    /// `[.., a, b, c] -> [.., c, a, b]`: the top goes under the two below it.
    Rot3,
    Binary(BinOp),
    /// `[.., a] -> [.., a op consts[i]]`: a binary operator with a constant on the right.
    BinaryConst(BinOp, u32),
    Inplace(BinOp),
    Unary(UnOp),
    Not,
    Compare(CmpOp),
    /// `[.., a, b] -> [..]`: compares, and jumps to the target when the result is false
    /// (an `if` or `while` condition of one comparison).
    CompareJump(CmpOp, u32),
    /// Jumps to the target unconditionally.
    Jump(u32),
    /// Pops the condition; jumps when it is false (or true).
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    /// `and`/`or`: jumps keeping the value when it decides the result, else pops it.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// A backward jump of a loop: checks Ctrl-C, then jumps.
    Loop(u32),
    /// Replaces the iterable on top with its iterator.
    GetIter,
    /// Pushes the iterator's next item, or pops the iterator and jumps when it is done.
    ForIter(u32),
    /// Calls `[f, a1..an]` with `n` positional arguments.
    Call(u32),
    /// Calls `[f, a1..]` with the argument shapes `calls[i]` (keywords, `*a`, `**k`).
    CallWith(u32),
    /// Calls method `methods[m]` of `[obj, a1..]`, its arguments shaped as `calls[c]`.
    CallMethod(u32, u32),
    LoadAttr(u32),
    /// `[.., v, obj]`: sets `obj.names[i] = v`.
    StoreAttr(u32),
    /// `[.., v, o] -> [.., new, true]` for `o.shape = v` on an array (the reshaped view,
    /// to store where `o` came from), or `[.., false]` once any other `o` has its
    /// attribute set.
    StoreShape,
    /// `[.., obj, key] -> [.., obj[key]]`.
    LoadItem,
    /// `[.., v, obj, key]`: sets `obj[key] = v`.
    StoreItem,
    DeleteItem,
    /// `del obj.name`.
    DeleteAttr(u32),
    BuildList(u32),
    BuildTuple(u32),
    /// Pushes an empty dict.
    NewDict,
    /// Pushes an empty set.
    NewSet,
    /// `[.., set, it1..itn, v] -> [.., set, it1..itn]`, adding `v` (displays with n = 0,
    /// comprehensions).
    SetAdd(u32),
    /// `[.., set, it] -> [.., set]`, adding every item of `it` (`{*it}`).
    SetUpdate,
    /// `[.., d, k, v] -> [.., d]`, with `d[k] = v`.
    DictInsert,
    /// `[.., d, m] -> [.., d]`, with every item of the mapping `m` (`{**m}`).
    DictUpdate,
    /// `[lo, hi, step]` into a slice.
    BuildSlice,
    /// Replaces the top with a list of its items (`*x` in a display).
    ToList,
    /// A display with `*x` items: `spreads[i]` says which of the values are spread.
    BuildSpread(u32),
    /// Unpacks the top into `n` values (pushed last first, so the first target is on top).
    Unpack(u32),
    /// Unpacks into `before` values, a list of the rest, and `after` values.
    UnpackStar(u16, u16),
    /// Formats `[.., value, spec]` with `format(value, spec)` (f-string fields).
    Format,
    /// Joins the `n` topmost strings.
    Concat(u32),
    /// `repr`/`str`/`ascii` of the top (an f-string's `!r`, `!s`, `!a`).
    Convert(u8),
    /// `assert`: `[.., msg]` when the flag says a message was given.
    AssertFail(bool),
    /// The end of a statement: deferred array work is computed here.
    EndStmt,
    /// Suspends the generator with the value on top; resumed, it pushes the value sent.
    Yield,
    /// Opens a block: an exception raised until its `PopBlock` empties the stack back to
    /// where it was, pushes the exception, and jumps to the target.
    SetupExcept(u32),
    PopBlock,
    /// `[.., exc, classes] -> [.., exc, matched]` (`except classes:`).
    ExcMatch,
    /// The exception on top becomes the one being handled (a bare `raise` re-raises it).
    PushHandling,
    PopHandling,
    /// Raises the exception on top again, where it was first raised.
    Reraise,
    /// `raise` (0), `raise exc` (1), `raise exc from cause` (2).
    Raise(u8),
    /// `[.., bases] -> [.., class]`: runs the class body `classes[i]` in a namespace of
    /// its own and makes the class of what it defined.
    MakeClass(u32),
    /// `super()` in a method: the instance (its first argument), seen from the base of
    /// the class that defined the method.
    Super,
    /// `with`: enters the context manager on top, replacing it with what exiting needs,
    /// and pushes the value `as` binds.
    WithEnter,
    /// Exits the context entered by the `WithEnter` whose result is on top.
    WithExit,
    /// `[.., exit, exc] -> [..]`: exits the context with the exception raised in its
    /// body, which is raised again unless `__exit__` returns true.
    WithExitExc,
    /// `import a.b [as c]`: pushes the module bound (`imports[i]`).
    Import(u32),
    /// `from m import …`: pushes the module `imports[i]`.
    ImportModule(u32),
    /// `from .m import …` (the level is the number of dots): pushes the module
    /// `imports[i]` resolved against the running module's package.
    ImportRelative(u32, u32),
    /// `[.., module] -> [.., module, module.name]` for `from m import name`
    /// (`imports[i]` names the module, `names[n]` the attribute).
    ImportName(u32, u32),
    Return,
}

/// How the arguments of a call were written, for `CallWith`.
#[derive(Clone, Debug)]
pub enum ArgShape {
    Pos,
    Star(Span),
    Kw(Sym, Span),
    DoubleStar(Span),
}

/// A compiled function body.
pub struct Code {
    pub ops: Vec<Op>,
    /// The span errors of `ops[i]` are reported at.
    pub spans: Vec<Span>,
    pub consts: Vec<Value>,
    pub names: Vec<Sym>,
    pub calls: Vec<Vec<ArgShape>>,
    /// For each `CallMethod`: the method's name and the span of `obj.name`.
    pub methods: Vec<(Sym, Span)>,
    /// For each `BuildSpread`: whether each item is spread, and whether the result is a
    /// list (else a tuple).
    pub spreads: Vec<(Vec<bool>, bool)>,
    /// The functions and lambdas defined in this code.
    pub functions: Vec<FuncEntry>,
    /// Class statements: the name and the compiled body.
    pub classes: Vec<(Sym, std::rc::Rc<Code>)>,
    /// Module paths of imports, with whether the statement binds the whole path (`as`).
    pub imports: Vec<(Vec<Sym>, bool)>,
    /// Slot names: the parameters first, in order, then the other locals.
    pub locals: Vec<Sym>,
    /// Locals kept in cells, because nested functions use them.
    pub cells: Vec<Sym>,
    /// Names of enclosing functions this code reads through the cells it was made with.
    pub frees: Vec<Sym>,
    /// Whether calling it makes a generator.
    pub generator: bool,
}

/// A `def` or `lambda` inside compiled code.
pub struct FuncEntry {
    pub def: std::rc::Rc<crate::syntax::ast::FuncDef>,
    pub code: std::rc::Rc<Code>,
    /// For each of its free names, the cell of the defining frame that holds it.
    pub captures: Vec<u32>,
}

impl Code {
    /// Whether a call shape passes positional arguments only (and how many).
    pub fn positional(&self, call: u32) -> Option<usize> {
        let shape = &self.calls[call as usize];
        shape.iter().all(|a| matches!(a, ArgShape::Pos)).then_some(shape.len())
    }
}
