//! Hostile inputs: every reader and validator answers in bounded time and memory, with short
//! messages, and never panics or overflows the stack. Each test is one of the faults found by
//! the fault tests of issue 19 (nesting 10,000 deep, conditions with 30,000 `not`, messages
//! that repeat a whole condition, quadratic checks); each failed before its fix.

mod exchange;
mod process;
mod scaling;
mod template;
