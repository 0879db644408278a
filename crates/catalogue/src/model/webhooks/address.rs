//! Which addresses a delivery may connect to: the guard against server-side request forgery.

use std::net::IpAddr;

/// Whether a delivery may connect to `ip`: only public unicast addresses, unless private ones
/// are allowed (tests, a local setup). Refuses loopback, private (RFC 1918), link-local (cloud
/// metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, unspecified, multicast,
/// broadcast, documentation, and the IPv6 forms that reach an IPv4 address (IPv4-mapped,
/// IPv4-compatible, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) when the address they carry is one
/// of those; Teredo, local NAT64 and site-local prefixes outright.
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
            if let Some(v4) = embedded_ipv4(v6) {
                return is_public(IpAddr::V4(v4));
            }
            let [first, second, ..] = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                // Site-local (deprecated, still routed inside some networks).
                || (first & 0xffc0) == 0xfec0
                || first == 0x2001 && second == 0x0db8
                // Teredo tunnels (the IPv4 address inside is obfuscated).
                || first == 0x2001 && second == 0
                // Local-use NAT64 (RFC 8215): translates into the site's own IPv4 space.
                || first == 0x0064 && second == 0xff9b && v6.segments()[2] == 1
                // Discard-only.
                || first == 0x0100 && v6.segments()[1..4] == [0, 0, 0])
        }
    }
}

/// The IPv4 address an IPv6 one leads to: IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible
/// `::a.b.c.d` (deprecated, but stacks still route it), NAT64 `64:ff9b::a.b.c.d` and 6to4
/// `2002:aabb:ccdd::/48`.
fn embedded_ipv4(v6: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = v6.segments();
    let low = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        std::net::Ipv4Addr::new(a, b, c, d)
    };
    match s {
        // `::` and `::1` are not IPv4-compatible addresses; they are refused as themselves.
        [0, 0, 0, 0, 0, 0, hi, lo] if (hi, lo) > (0, 1) => Some(low(hi, lo)),
        [0x0064, 0xff9b, 0, 0, 0, 0, ..] => Some(low(s[6], s[7])),
        [0x2002, hi, lo, ..] => Some(low(hi, lo)),
        _ => None,
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
            "::127.0.0.1",
            "::0.0.1.2",
            "::169.254.169.254",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "fec0::1",
            "100::1",
        ];
        for text in refused {
            let ip: IpAddr = text.parse().unwrap_or(IpAddr::from([8, 8, 8, 8]));
            assert!(!address_allowed(ip, false), "{text}");
            assert!(address_allowed(ip, true), "{text}");
        }
        for text in [
            "8.8.8.8",
            "203.113.131.1",
            "2001:4860:4860::8888",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            let ip: IpAddr = text.parse().unwrap_or(IpAddr::from([127, 0, 0, 1]));
            assert!(address_allowed(ip, false), "{text}");
        }
    }
}
