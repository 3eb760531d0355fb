//! `_nt.lstm_layer(ih, h0, c0, w_hh, b_hh, b_ih=None)`: a unidirectional LSTM layer's recurrence in
//! one call (`backend::cpu::rnn`), for `nn.LSTM` on the CPU when nothing needs a
//! gradient (stdlib/torch/nn/_rnn.nt checks; with a gradient the layer runs op by op
//! and records its graph). Returns `(outputs [L, N, H], h, c)`.

use super::select::nd;
use super::wrap;
use crate::error::Res;
use crate::interp::Interp;
use crate::value::{Args, Value};

pub fn lstm_layer(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, ih) = nd(args.pos.first(), "the input gates")?;
    let (_, h0) = nd(args.pos.get(1), "h0")?;
    let (_, c0) = nd(args.pos.get(2), "c0")?;
    let (_, w_hh) = nd(args.pos.get(3), "weight_hh")?;
    let b_hh = match args.pos.get(4) {
        None | Some(Value::None) => None,
        v => Some(nd(v, "bias_hh")?.1),
    };
    // `b_ih` given: `ih` is the input's product alone, and `ih + b_ih` (rounded, as
    // `F.linear` rounds it) is added at each step instead of in a pass of its own.
    let b_ih = match args.pos.get(5) {
        None | Some(Value::None) => None,
        v => Some(nd(v, "bias_ih")?.1),
    };
    let mut arrays = vec![&ih, &h0, &c0, &w_hh];
    arrays.extend(b_hh.iter().chain(b_ih.iter()));
    if arrays.iter().any(|a| super::device::on_gpu(a)) {
        return Err(super::internal("_nt.lstm_layer runs on the cpu"));
    }
    if arrays.iter().any(|a| a.dtype != ih.dtype) {
        return Err(super::internal("_nt.lstm_layer: operands of one dtype"));
    }
    let (out, h, c) =
        crate::backend::cpu::rnn::lstm(&ih, &h0, &c0, &w_hh, b_hh.as_ref(), b_ih.as_ref()).map_err(super::internal)?;
    Ok(Value::Tuple(std::rc::Rc::from(vec![
        wrap(lib, out),
        wrap(lib, h),
        wrap(lib, c),
    ])))
}
