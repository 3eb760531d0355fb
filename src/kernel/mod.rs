//! `nt kernel -f CONNECTION_FILE`: a Jupyter kernel (messaging protocol 5.3 over ZeroMQ)
//! running one nt `Session`, and `nt kernel install` (`install.rs`), its kernelspec.
//!
//! Threads: the interpreter (its values are `Rc`) stays on the calling thread and serves
//! the shell socket; a tokio runtime runs the heartbeat, the control socket (interrupt,
//! shutdown: answered while a cell runs) and the IOPub publisher. Every request is
//! wrapped in `busy`/`idle` status messages. A cell's stdout becomes `stream` messages
//! (`iopub.rs`), its last expression's value the `execute_result`, an uncaught error one
//! `error` message (the rendered report as traceback).

mod handlers;
pub mod install;
mod iopub;
mod wire;

use crate::repl::session::Session;
use iopub::{Iopub, OutState, Output};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wire::{Signer, decode, encode, header};
use zeromq::prelude::*;
use zeromq::{PubSocket, RepSocket, RouterSocket};

/// What the kernel remembers between requests.
pub struct Kernel {
    pub session: Session,
    pub out: Rc<RefCell<OutState>>,
    pub iopub: Iopub,
    pub count: u64,
    /// `(execution count, code, result text)` of every cell run with `store_history`.
    pub history: Vec<(u64, String, Option<String>)>,
}

/// Runs the kernel until a shutdown request. Returns the process exit status.
pub fn main(args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("install") => return install::main(&args[1..]),
        Some("-f") if args.len() == 2 => {}
        _ => {
            eprintln!("usage: nt kernel -f CONNECTION_FILE | nt kernel install [--user | --prefix PREFIX]");
            return 2;
        }
    }
    match serve(&args[1]) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nt kernel: {e}");
            1
        }
    }
}

fn serve(connection_file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(connection_file).map_err(|e| format!("{connection_file}: {e}"))?;
    let ci: Value = serde_json::from_str(&text).map_err(|e| format!("{connection_file}: {e}"))?;
    let signer = Signer::new(
        ci["key"].as_str().unwrap_or(""),
        ci["signature_scheme"].as_str().unwrap_or("hmac-sha256"),
    )?;
    let transport = ci["transport"].as_str().unwrap_or("tcp");
    if transport != "tcp" {
        return Err(format!("transport '{transport}' is not supported (nt speaks tcp)"));
    }
    let ip = match ci["ip"].as_str().unwrap_or("127.0.0.1") {
        "*" | "" => "0.0.0.0",
        s => s,
    };
    let endpoint = |k: &str| format!("tcp://{ip}:{}", ci[k]);
    let session_id = uuid::Uuid::new_v4().to_string();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let (mut shell, control, stdin, iopub_socket, hb) = rt
        .block_on(async {
            let mut shell = RouterSocket::new();
            shell.bind(&endpoint("shell_port")).await?;
            let mut control = RouterSocket::new();
            control.bind(&endpoint("control_port")).await?;
            let mut stdin = RouterSocket::new();
            stdin.bind(&endpoint("stdin_port")).await?;
            let mut iopub = PubSocket::new();
            iopub.bind(&endpoint("iopub_port")).await?;
            let mut hb = RepSocket::new();
            hb.bind(&endpoint("hb_port")).await?;
            Ok::<_, zeromq::ZmqError>((shell, control, stdin, iopub, hb))
        })
        .map_err(|e| format!("cannot bind the kernel's sockets: {e}"))?;
    // The stdin channel stays open (nt never asks for input through it).
    let _stdin = stdin;
    rt.spawn(heartbeat(hb));
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    rt.spawn(publisher(iopub_socket, rx));
    let iopub = Iopub {
        tx,
        signer: signer.clone(),
        session: session_id.clone(),
    };
    rt.spawn(control_loop(control, signer.clone(), iopub.clone()));
    // A stray SIGINT stops the running cell instead of killing the kernel.
    crate::interrupt::install();
    let out = Rc::new(RefCell::new(OutState::new(iopub.clone())));
    let mut session = Session::new(Box::new(Output(out.clone(), "stdout")));
    session.interp.err_out = Some(Box::new(Output(out.clone(), "stderr")));
    let rich = out.clone();
    session.interp.rich_out = Some(Box::new(move |items| rich.borrow_mut().display(items)));
    session.color = false;
    let mut k = Kernel {
        session,
        out,
        iopub: iopub.clone(),
        count: 0,
        history: Vec::new(),
    };
    iopub.status("starting", &json!({}));
    loop {
        let Ok(z) = rt.block_on(shell.recv()) else { continue };
        let Ok(req) = decode(z, &signer) else { continue };
        iopub.status("busy", &req.header);
        let reply = match req.msg_type() {
            "kernel_info_request" => Some(("kernel_info_reply", handlers::kernel_info())),
            "execute_request" => Some(("execute_reply", handlers::execute(&mut k, &req))),
            "complete_request" => Some(("complete_reply", handlers::complete(&k, &req))),
            "inspect_request" => Some(("inspect_reply", handlers::inspect(&mut k, &req))),
            "is_complete_request" => Some(("is_complete_reply", handlers::is_complete(&req))),
            "history_request" => Some(("history_reply", handlers::history(&k, &req))),
            "comm_info_request" => Some(("comm_info_reply", json!({"status": "ok", "comms": {}}))),
            // No comm targets: an opened comm is closed at once, as the spec asks.
            "comm_open" => {
                iopub.publish(
                    "comm_close",
                    json!({"comm_id": req.content["comm_id"], "data": {}}),
                    &req.header,
                );
                None
            }
            "shutdown_request" => {
                let restart = req.content["restart"].as_bool().unwrap_or(false);
                let r = json!({"status": "ok", "restart": restart});
                let _ = rt.block_on(shell.send(encode(
                    &req.idents,
                    &header("shutdown_reply", &session_id),
                    &req.header,
                    &r,
                    &signer,
                )));
                iopub.status("idle", &req.header);
                std::thread::sleep(Duration::from_millis(100));
                return Ok(());
            }
            _ => None,
        };
        if let Some((t, c)) = reply {
            let m = encode(&req.idents, &header(t, &session_id), &req.header, &c, &signer);
            let _ = rt.block_on(shell.send(m));
        }
        iopub.status("idle", &req.header);
    }
}

async fn heartbeat(mut hb: RepSocket) {
    loop {
        match hb.recv().await {
            Ok(m) => {
                let _ = hb.send(m).await;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

async fn publisher(mut socket: PubSocket, mut rx: tokio::sync::mpsc::UnboundedReceiver<zeromq::ZmqMessage>) {
    while let Some(m) = rx.recv().await {
        let _ = socket.send(m).await;
    }
}

/// The control channel, served while a cell runs: interrupts, shutdown, kernel info.
async fn control_loop(mut control: RouterSocket, signer: Signer, iopub: Iopub) {
    loop {
        let Ok(z) = control.recv().await else { continue };
        let Ok(req) = decode(z, &signer) else { continue };
        iopub.status("busy", &req.header);
        let reply = |t: &str, c: Value| encode(&req.idents, &header(t, &iopub.session), &req.header, &c, &signer);
        match req.msg_type() {
            "interrupt_request" => {
                crate::interrupt::request();
                let _ = control.send(reply("interrupt_reply", json!({"status": "ok"}))).await;
            }
            "shutdown_request" => {
                let restart = req.content["restart"].as_bool().unwrap_or(false);
                let _ = control
                    .send(reply("shutdown_reply", json!({"status": "ok", "restart": restart})))
                    .await;
                iopub.status("idle", &req.header);
                tokio::time::sleep(Duration::from_millis(100)).await;
                std::process::exit(0);
            }
            "kernel_info_request" => {
                let _ = control.send(reply("kernel_info_reply", handlers::kernel_info())).await;
            }
            _ => {}
        }
        iopub.status("idle", &req.header);
    }
}
