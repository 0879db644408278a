//! Which addresses a delivery may connect to: the guard against server-side request forgery.

use std::net::IpAddr;

/// Whether a delivery may connect to `ip`: only public unicast addresses, unless private ones
/// are allowed (tests, a local setup). Refuses loopback, private (RFC 1918), link-local (cloud
/// metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, unspecified, multicast,
/// broadcast, documentation and IPv4-mapped forms of those.
pub fn address_allowed(ip: IpAddr, allow_private: bool) -> bool {
    allow_private || is_public(ip)
}

fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_loopback_addresses_are_refused_unless_allowed() {
        let refused = [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ];
        for text in refused {
            let ip: IpAddr = text.parse().unwrap_or(IpAddr::from([8, 8, 8, 8]));
            assert!(!address_allowed(ip, false), "{text}");
            assert!(address_allowed(ip, true), "{text}");
        }
        for text in ["8.8.8.8", "203.113.131.1", "2001:4860:4860::8888"] {
            let ip: IpAddr = text.parse().unwrap_or(IpAddr::from([127, 0, 0, 1]));
            assert!(address_allowed(ip, false), "{text}");
        }
    }
}
