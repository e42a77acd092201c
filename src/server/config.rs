//! The `sqs-server` command line: [`ServerConfig`] and [`parse_args`].

use std::path::PathBuf;

use crate::cmdline::{parse_seed, parse_servers, Flags};
use crate::engine::EngineConfig;

/// Usage text printed by `--help` and, with the problem, on bad usage (exit status 2).
pub const USAGE: &str = concat!(
    "usage: sqs-server [--port P] [--host H] [--servers N] [--seed S] [--record FILE]\n",
    "  --port P        TCP port to listen on; 0 picks a free one (default 9324)\n",
    "  --host H        address to listen on (default 127.0.0.1)\n",
    "  --servers N     storage servers in the simulated region, 1-64 (default 1)\n",
    "  --seed S        seed of the engine's RNG (default 0)\n",
    "  --record FILE   write every request served as a replay script (see sqs-replay)\n",
    "Serves the AWS JSON 1.0 protocol of SQS (POST /, X-Amz-Target: AmazonSQS.<Action>).\n",
    "Admin API: GET /_admin/servers, POST /_admin/servers/{k}/kill|revive, GET /_admin/health.\n",
    "Docs: docs/sqs-server.md",
);

/// The default port, the one ElasticMQ uses, so existing local-SQS setups work unchanged.
pub const DEFAULT_PORT: u16 = 9324;

/// How `sqs-server` runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Address to bind (an IP address or `localhost`).
    pub host: String,
    /// Port to bind; 0 lets the OS pick a free one.
    pub port: u16,
    /// Storage servers in the simulated region.
    pub servers: usize,
    /// Seed of the engine's RNG.
    pub seed: u64,
    /// Where to write the replay script of the session, if anywhere.
    pub record: Option<PathBuf>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        let engine = EngineConfig::default();
        ServerConfig {
            host: "127.0.0.1".to_string(),
            port: DEFAULT_PORT,
            servers: engine.servers,
            seed: engine.seed,
            record: None,
        }
    }
}

/// Parses the arguments after the program name. `Ok(None)` means `--help`; `Err`
/// is the problem to print with [`USAGE`]. Accepts `--flag value` and `--flag=value`.
pub fn parse_args(args: &[String]) -> Result<Option<ServerConfig>, String> {
    let mut cfg = ServerConfig::default();
    let mut flags = Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag.name {
            "-h" | "--help" if flag.inline.is_none() => return Ok(None),
            "--port" => {
                let v = flags.value(&flag)?;
                cfg.port = v
                    .parse()
                    .map_err(|_| format!("--port must be an integer 0-65535, got {v:?}"))?;
            }
            "--host" => {
                let v = flags.value(&flag)?;
                if v.is_empty() {
                    return Err("--host needs a non-empty address".into());
                }
                cfg.host = v.to_string();
            }
            "--servers" => cfg.servers = parse_servers(flags.value(&flag)?)?,
            "--seed" => cfg.seed = parse_seed(flags.value(&flag)?)?,
            "--record" => {
                let v = flags.value(&flag)?;
                if v.is_empty() {
                    return Err("--record needs a file name".into());
                }
                cfg.record = Some(PathBuf::from(v));
            }
            _ => return Err(format!("unknown argument {:?}", flag.arg)),
        }
    }
    Ok(Some(cfg))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<ServerConfig>, String> {
        parse_args(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn flags() {
        let c = args(&[
            "--port",
            "0",
            "--servers=3",
            "--seed",
            "7",
            "--record",
            "s.jsonl",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.servers, 3);
        assert_eq!(c.seed, 7);
        assert_eq!(c.host, "127.0.0.1");
        assert_eq!(c.record, Some(PathBuf::from("s.jsonl")));
        assert_eq!(args(&[]).unwrap().unwrap(), ServerConfig::default());
        assert!(args(&["--help"]).unwrap().is_none());
    }

    #[test]
    fn bad_usage_is_explained() {
        assert!(args(&["--port", "x"]).unwrap_err().contains("0-65535"));
        assert!(args(&["--port", "70000"]).unwrap_err().contains("0-65535"));
        assert!(args(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--servers", "0"])
            .unwrap_err()
            .contains("between 1 and 64"));
        assert!(args(&["--seed", "-1"])
            .unwrap_err()
            .contains("non-negative"));
        assert!(args(&["--verbose"])
            .unwrap_err()
            .contains("unknown argument"));
        assert!(args(&["extra"]).unwrap_err().contains("unknown argument"));
    }
}
