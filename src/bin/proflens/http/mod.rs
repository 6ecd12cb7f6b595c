//! Just enough HTTP/1.1 for `proflens open` and `proflens watch`: a loopback
//! server for the site and the files named on the command line, and a client
//! for a Go service's `/debug/pprof/` endpoints. Both speak to this machine or
//! to the one URL the user gave, and nothing else, so a few hundred lines of
//! std code serve better than a web framework and a TLS stack.

pub mod client;
pub mod server;
