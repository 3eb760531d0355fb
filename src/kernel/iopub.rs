//! The kernel's IOPub side: one publisher task owns the PUB socket; everything else
//! sends through a channel. `Output` is the interpreter's stdout in a notebook: text is
//! batched into `stream` messages (at most every 50 ms while a cell runs, and whenever
//! another output follows), as ipykernel batches it.

use super::wire::{Signer, encode, header};
use bytes::Bytes;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};
use zeromq::ZmqMessage;

#[derive(Clone)]
pub struct Iopub {
    pub tx: tokio::sync::mpsc::UnboundedSender<ZmqMessage>,
    pub signer: Signer,
    pub session: String,
}

impl Iopub {
    pub fn publish(&self, msg_type: &str, content: Value, parent: &Value) {
        let topic = Bytes::from(format!("kernel.{}.{msg_type}", self.session));
        let m = encode(
            &[topic],
            &header(msg_type, &self.session),
            parent,
            &content,
            &self.signer,
        );
        let _ = self.tx.send(m);
    }

    pub fn status(&self, state: &str, parent: &Value) {
        self.publish("status", json!({ "execution_state": state }), parent);
    }
}

pub struct OutState {
    iopub: Iopub,
    /// The request the output belongs to.
    pub parent: Value,
    /// Text not yet published, and its stream's name (`stdout` or `stderr`).
    pending: Vec<u8>,
    pending_name: &'static str,
    last: Instant,
    /// Where output goes instead while the kernel runs something for itself (`help`
    /// text for an inspect request).
    pub capture: Option<Vec<u8>>,
}

impl OutState {
    pub fn new(iopub: Iopub) -> OutState {
        OutState {
            iopub,
            parent: json!({}),
            pending: Vec::new(),
            pending_name: "stdout",
            last: Instant::now(),
            capture: None,
        }
    }

    /// Publishes the text written so far as one `stream` message.
    pub fn flush_stream(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        self.last = Instant::now();
        self.iopub
            .publish("stream", json!({"name": self.pending_name, "text": text}), &self.parent);
    }
}

impl OutState {
    /// Publishes rich output (a figure's PNG) as `display_data`, after the text before it.
    pub fn display(&mut self, items: Vec<(String, String)>) {
        self.flush_stream();
        let mut data = serde_json::Map::new();
        for (mime, content) in items {
            data.insert(mime, Value::String(content));
        }
        self.iopub.publish(
            "display_data",
            json!({"data": data, "metadata": {}, "transient": {}}),
            &self.parent,
        );
    }
}

/// The interpreter's stdout (`"stdout"`) or stderr (`"stderr"`) in the kernel.
pub struct Output(pub Rc<RefCell<OutState>>, pub &'static str);

impl std::io::Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut s = self.0.borrow_mut();
        if let Some(c) = &mut s.capture {
            c.extend_from_slice(buf);
            return Ok(buf.len());
        }
        if s.pending_name != self.1 {
            s.flush_stream();
            s.pending_name = self.1;
        }
        s.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let mut s = self.0.borrow_mut();
        if s.last.elapsed() >= Duration::from_millis(50) || s.pending.len() > 1 << 16 {
            s.flush_stream();
        }
        Ok(())
    }
}
