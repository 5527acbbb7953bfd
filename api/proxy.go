package api

import (
	"fmt"
	"net"
	"strings"

	"github.com/labstack/echo/v4"
)

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR
// ranges (e.g. "10.0.0.5, 172.28.0.0/16"): the reverse proxies whose
// X-Forwarded-For is believed. An empty list trusts none.
func ParseTrustedProxies(list string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return nil, fmt.Errorf("%q is neither an IP address nor a CIDR range", part)
			}
			bits := 32
			if ip.To4() == nil {
				bits = 128
			}
			part = fmt.Sprintf("%s/%d", part, bits)
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR range", part)
		}
		out = append(out, n)
	}
	return out, nil
}

// TrustProxies sets how e tells a client's address (c.RealIP: the login
// throttle's per-address count, the access log). With no proxies it is the
// connection's peer, whatever headers say; otherwise, when the peer is one
// of the proxies, the nearest address in X-Forwarded-For that is not one of
// them (a client cannot forge its way past the proxy that appended it).
// Nothing else is trusted by default: not loopback, nor private networks.
func TrustProxies(e *echo.Echo, proxies []*net.IPNet) {
	if len(proxies) == 0 {
		e.IPExtractor = echo.ExtractIPDirect()
		return
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
}
