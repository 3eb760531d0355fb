//! Jupyter's wire protocol (messaging 5.3): the frames of a message (the sender's
//! identities, `<IDS|MSG>`, the HMAC-SHA256 signature in hex, then header, parent
//! header, metadata and content as JSON, then buffers), signed and checked with the
//! connection file's key.

use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use zeromq::ZmqMessage;

const DELIM: &[u8] = b"<IDS|MSG>";

/// The connection file's key; an empty key turns signing off (the signature frame is empty).
#[derive(Clone)]
pub struct Signer(Option<Hmac<Sha256>>);

impl Signer {
    pub fn new(key: &str, scheme: &str) -> Result<Signer, String> {
        if key.is_empty() {
            return Ok(Signer(None));
        }
        if scheme != "hmac-sha256" {
            return Err(format!(
                "unsupported signature_scheme '{scheme}' (nt signs with hmac-sha256)"
            ));
        }
        Hmac::<Sha256>::new_from_slice(key.as_bytes())
            .map(|m| Signer(Some(m)))
            .map_err(|e| e.to_string())
    }

    fn mac(&self, parts: &[&[u8]; 4]) -> Option<Hmac<Sha256>> {
        self.0.as_ref().map(|k| {
            let mut m = k.clone();
            for p in parts {
                m.update(p);
            }
            m
        })
    }

    fn sign(&self, parts: &[&[u8]; 4]) -> String {
        self.mac(parts)
            .map_or(String::new(), |m| hex(&m.finalize().into_bytes()))
    }

    fn verify(&self, sig: &[u8], parts: &[&[u8]; 4]) -> bool {
        match self.mac(parts) {
            None => true,
            Some(m) => unhex(sig).is_some_and(|s| m.verify_slice(&s).is_ok()),
        }
    }
}

/// A message received on a ROUTER socket.
pub struct Msg {
    pub idents: Vec<Bytes>,
    pub header: Value,
    pub content: Value,
}

impl Msg {
    pub fn msg_type(&self) -> &str {
        self.header["msg_type"].as_str().unwrap_or("")
    }
}

pub fn decode(z: ZmqMessage, s: &Signer) -> Result<Msg, String> {
    let f = z.into_vec();
    let i = f
        .iter()
        .position(|x| x.as_ref() == DELIM)
        .ok_or("no <IDS|MSG> delimiter")?;
    if f.len() < i + 6 {
        return Err("fewer than four JSON frames".into());
    }
    let parts: [&[u8]; 4] = [&f[i + 2], &f[i + 3], &f[i + 4], &f[i + 5]];
    if !s.verify(&f[i + 1], &parts) {
        return Err("bad signature".into());
    }
    let json = |b: &[u8]| serde_json::from_slice::<Value>(b).map_err(|e| e.to_string());
    Ok(Msg {
        idents: f[..i].to_vec(),
        header: json(parts[0])?,
        content: json(parts[3])?,
    })
}

pub fn header(msg_type: &str, session: &str) -> Value {
    json!({
        "msg_id": uuid::Uuid::new_v4().to_string(),
        "session": session,
        "username": "nt",
        "date": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "msg_type": msg_type,
        "version": "5.3",
    })
}

/// A message to `idents` (a request's identities, or `[topic]` on IOPub).
pub fn encode(idents: &[Bytes], header: &Value, parent: &Value, content: &Value, s: &Signer) -> ZmqMessage {
    let parts = [header, parent, &json!({}), content].map(|v| serde_json::to_vec(v).unwrap_or_default());
    let sig = s.sign(&[&parts[0], &parts[1], &parts[2], &parts[3]]);
    let mut frames: Vec<Bytes> = idents.to_vec();
    frames.push(Bytes::from_static(DELIM));
    frames.push(Bytes::from(sig));
    frames.extend(parts.into_iter().map(Bytes::from));
    // Never empty: the delimiter is always there.
    ZmqMessage::try_from(frames).unwrap_or_else(|_| ZmqMessage::from(Vec::<u8>::new()))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    s.chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_forged_ones_are_refused() {
        let s = Signer::new("secret", "hmac-sha256").expect("signer");
        let h = header("kernel_info_request", "abc");
        let z = encode(&[Bytes::from_static(b"id")], &h, &json!({}), &json!({"x": 1}), &s);
        let m = decode(z.clone(), &s).expect("decodes");
        assert_eq!(m.msg_type(), "kernel_info_request");
        assert_eq!(m.content["x"], 1);
        assert_eq!(m.idents, vec![Bytes::from_static(b"id")]);
        let other = Signer::new("other", "hmac-sha256").expect("signer");
        assert!(decode(z, &other).is_err());
    }
}
