package browsertest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Default ports. They are fixed because Chromium records the port a cookie
// came from (source_port) and the address shows in the stored rows.
const (
	DefaultHTTPPort  = 8765
	DefaultHTTPSPort = 8766
)

// ServerOptions overrides the server's ports; zero values keep the defaults.
type ServerOptions struct {
	HTTPPort  int
	HTTPSPort int
}

// Request is one request the server received.
type Request struct {
	Time      time.Time
	Scheme    string // "http" or "https"
	Host      string // without the port
	Port      int
	Path      string
	RawQuery  string
	Cookie    string // the Cookie header, as received
	UserAgent string
}

// CookieNames returns the names in the Cookie header, in the order sent.
func (r Request) CookieNames() []string {
	var names []string
	for _, part := range strings.Split(r.Cookie, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		names = append(names, name)
	}
	return names
}

// IsCheck reports whether the request was for a check page.
func (r Request) IsCheck() bool { return strings.HasSuffix(r.Path, "/check") }

// Server serves the fake sites over http and https on 127.0.0.1.
type Server struct {
	httpPort, httpsPort int
	dir                 string
	caFile              string
	caPEM               []byte

	mu        sync.Mutex
	log       []Request
	expiresAt time.Time // when the last short-lived cookie sent expires

	servers []*http.Server
}

// NewServer starts the server on the default ports and stops it in
// t.Cleanup. It waits (up to 10 minutes) while another test binary holds the
// same ports, so packages that run in parallel take turns.
func NewServer(t testing.TB) *Server {
	t.Helper()
	return NewServerWith(t, ServerOptions{})
}

// NewServerWith is [NewServer] with other ports.
func NewServerWith(t testing.TB, opts ServerOptions) *Server {
	t.Helper()
	s := &Server{httpPort: opts.HTTPPort, httpsPort: opts.HTTPSPort, dir: t.TempDir()}
	if s.httpPort == 0 {
		s.httpPort = DefaultHTTPPort
	}
	if s.httpsPort == 0 {
		s.httpsPort = DefaultHTTPSPort
	}
	lockPorts(t, s.httpPort)

	pki, err := newTestPKI(Hosts())
	if err != nil {
		t.Fatalf("browsertest: test certificates: %v", err)
	}
	s.caPEM = pki.caPEM
	s.caFile = filepath.Join(s.dir, "ca.pem")
	if err := os.WriteFile(s.caFile, pki.caPEM, 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}

	for _, l := range []struct {
		scheme string
		port   int
	}{{"http", s.httpPort}, {"https", s.httpsPort}} {
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(l.port)))
		if err != nil {
			t.Fatalf("browsertest: the %s port is taken (a server outside the tests?): %v", l.scheme, err)
		}
		scheme := l.scheme
		srv := &http.Server{
			Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, scheme) }),
			ReadHeaderTimeout: 10 * time.Second,
			// Browsers probe and drop connections: keep that out of the test output.
			ErrorLog: log.New(io.Discard, "", 0),
		}
		s.servers = append(s.servers, srv)
		if scheme == "https" {
			srv.TLSConfig = tlsConfig(pki)
			go srv.ServeTLS(ln, "", "")
		} else {
			go srv.Serve(ln)
		}
	}
	t.Cleanup(s.close)
	return s
}

// close stops both servers.
func (s *Server) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, srv := range s.servers {
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
	}
}

// portsInUse are the ports of the live servers of this process: a second
// server on them would wait for the lock forever.
var (
	portsMu    sync.Mutex
	portsInUse = map[int]bool{}
)

// lockPorts takes an exclusive lock for the port until the test ends.
func lockPorts(t testing.TB, port int) {
	t.Helper()
	portsMu.Lock()
	if portsInUse[port] {
		portsMu.Unlock()
		t.Fatalf("browsertest: a Server on port %d is already running in this test binary: share it", port)
	}
	portsInUse[port] = true
	portsMu.Unlock()
	t.Cleanup(func() {
		portsMu.Lock()
		delete(portsInUse, port)
		portsMu.Unlock()
	})
	path := filepath.Join(os.TempDir(), fmt.Sprintf("ofgl-browsertest-%d.lock", port))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Fatalf("browsertest: lock file: %v", err)
	}
	deadline := time.Now().Add(10 * time.Minute)
	logged := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			t.Fatalf("browsertest: lock %s: %v", path, err)
		}
		if time.Now().After(deadline) {
			f.Close()
			t.Fatalf("browsertest: another test binary held %s for 10 minutes", path)
		}
		if !logged {
			t.Logf("browsertest: waiting for another test binary to release port %d (%s)", port, path)
			logged = true
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Cleanup(func() { f.Close() }) // closing releases the flock
}

// HTTPPort returns the port of the http server.
func (s *Server) HTTPPort() int { return s.httpPort }

// HTTPSPort returns the port of the https server.
func (s *Server) HTTPSPort() int { return s.httpsPort }

// CAFile returns the path of the test CA certificate (PEM), for certutil.
func (s *Server) CAFile() string { return s.caFile }

// CAPEM returns the test CA certificate in PEM.
func (s *Server) CAPEM() []byte { return append([]byte(nil), s.caPEM...) }

// port returns the server's port for scheme.
func (s *Server) port(scheme string) int {
	if scheme == "https" {
		return s.httpsPort
	}
	return s.httpPort
}

// URL returns scheme://host:port/path for this server; path may hold a query.
func (s *Server) URL(scheme, host, path string) string {
	return fmt.Sprintf("%s://%s:%d%s", scheme, host, s.port(scheme), path)
}

// VisitURL returns the URL of a visit (its UserContextID is not part of it).
func (s *Server) VisitURL(v Visit) string { return s.URL(v.Scheme, v.Host, v.Path) }

// ChainURL returns one URL that visits every page in order, each one moving
// to the next with location.replace (so the tab keeps a single history entry
// and window.close() still works in Chromium). The last page calls
// window.close() closeMS milliseconds after it loaded; with closeMS < 0 it
// stays open.
func (s *Server) ChainURL(visits []Visit, closeMS int) string {
	urls := make([]string, len(visits))
	for i, v := range visits {
		urls[i] = s.VisitURL(v)
	}
	return Chain(closeMS, urls...)
}

// Chain builds the ?next= chain of [Server.ChainURL] from URLs served by a
// [Server].
func Chain(closeMS int, urls ...string) string {
	if len(urls) == 0 {
		return ""
	}
	u := urls[len(urls)-1]
	if closeMS >= 0 {
		u = addQuery(u, "close", strconv.Itoa(closeMS))
	}
	for i := len(urls) - 2; i >= 0; i-- {
		u = addQuery(urls[i], "next", u)
	}
	return u
}

// addQuery appends key=value to rawURL's query.
func addQuery(rawURL, key, value string) string {
	sep := "?"
	if strings.Contains(rawURL, "?") {
		sep = "&"
	}
	return rawURL + sep + key + "=" + url.QueryEscape(value)
}

// RequestLog returns every request received so far, in order.
func (s *Server) RequestLog() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetLog forgets the requests received so far.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// LastCheck returns the last request for a check page (a path ending in
// "/check") on host.
func (s *Server) LastCheck(host string) (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.log) - 1; i >= 0; i-- {
		if r := s.log[i]; r.Host == host && r.IsCheck() {
			return r, true
		}
	}
	return Request{}, false
}

// Sent returns the sorted names of the cookies the browser sent with the last
// request for a check page on host (nil if there was none). Visit
// https://data.ofgl.fr:8766/check to see the cookies sent to data.ofgl.fr, and
// the tracker's check iframe it embeds; /api/check adds the Path=/api ones.
func (s *Server) Sent(host string) []string {
	r, ok := s.LastCheck(host)
	if !ok {
		return nil
	}
	names := r.CookieNames()
	sort.Strings(names)
	return names
}

// WaitForRequest waits until the server has received a request for host and
// path at or after since, and returns the first such request.
func (s *Server) WaitForRequest(ctx context.Context, host, path string, since time.Time) (Request, error) {
	for {
		for _, r := range s.RequestLog() {
			if r.Host == host && r.Path == path && !r.Time.Before(since) {
				return r, nil
			}
		}
		select {
		case <-ctx.Done():
			return Request{}, fmt.Errorf("no request for %s%s since %s: %w", host, path, since.Format("15:04:05.000"), ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// WaitExpired sleeps until every short-lived cookie (Max-Age below a minute)
// sent so far has expired, plus one second, so that the stores hold them
// expired or not at all.
func (s *Server) WaitExpired() {
	s.mu.Lock()
	until := s.expiresAt
	s.mu.Unlock()
	if d := time.Until(until.Add(time.Second)); d > 0 {
		time.Sleep(d)
	}
}

// serve answers every request on either port.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, scheme string) {
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	s.mu.Lock()
	s.log = append(s.log, Request{
		Time: time.Now(), Scheme: scheme, Host: host, Port: s.port(scheme),
		Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Cookie: r.Header.Get("Cookie"), UserAgent: r.UserAgent(),
	})
	s.mu.Unlock()

	// Every visit must reach the server: nothing may come from a cache.
	w.Header().Set("Cache-Control", "no-store")
	// ?delay=MS holds the answer back, to let a browser finish starting up.
	if ms, err := strconv.Atoi(r.URL.Query().Get("delay")); err == nil && ms > 0 && ms <= 30000 {
		time.Sleep(time.Duration(ms) * time.Millisecond)
	}

	if strings.HasSuffix(r.URL.Path, "/check") {
		var embeds []Embed
		if host == HostData {
			embeds = []Embed{{Kind: "iframe", Host: HostTracker, Path: "/check"}}
		}
		s.writePage(w, scheme, host, r.URL.Path, embeds, nil, r.Header.Get("Cookie"))
		return
	}
	page, ok := findPage(host, r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	var script []CookieSpec
	for _, c := range cookiesOf(host, page.Path) {
		if c.Script {
			script = append(script, c)
		} else {
			w.Header().Add("Set-Cookie", c.SetCookie())
		}
		if c.MaxAge > 0 && c.MaxAge < 60 {
			s.mu.Lock()
			if exp := time.Now().Add(time.Duration(c.MaxAge) * time.Second); exp.After(s.expiresAt) {
				s.expiresAt = exp
			}
			s.mu.Unlock()
		}
	}
	if page.Path == "/pixel" {
		w.Header().Set("Content-Type", "image/gif")
		w.Write(pixelGIF)
		return
	}
	s.writePage(w, scheme, host, page.Path, page.Embeds, script, "")
}

// pixelGIF is a 1x1 transparent GIF.
var pixelGIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// navScript follows ?next= with location.replace, or calls window.close()
// after ?close= ms, once the page and its frames have loaded.
const navScript = `(function () {
  var p = new URLSearchParams(location.search);
  var next = p.get("next"), close = p.get("close"), wait = Number(p.get("wait") || 100);
  addEventListener("load", function () {
    if (next) { setTimeout(function () { location.replace(next); }, wait); }
    else if (close !== null) { setTimeout(function () { window.close(); }, Number(close) || 0); }
  });
})();`

// writePage writes an HTML page that sets the script cookies, embeds the
// third parties and shows the Cookie header of a check page.
func (s *Server) writePage(w http.ResponseWriter, scheme, host, path string, embeds []Embed, script []CookieSpec, cookieHeader string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%s%s</title></head><body>\n", html.EscapeString(host), html.EscapeString(path))
	fmt.Fprintf(&b, "<h1>%s %s</h1>\n", html.EscapeString(host), html.EscapeString(path))
	if strings.HasSuffix(path, "/check") {
		fmt.Fprintf(&b, "<pre id=\"cookie\">%s</pre>\n", html.EscapeString(cookieHeader))
	}
	for _, e := range embeds {
		src := html.EscapeString(s.URL(scheme, e.Host, e.Path))
		switch e.Kind {
		case "img":
			fmt.Fprintf(&b, "<img src=\"%s\" width=\"1\" height=\"1\" alt=\"\">\n", src)
		default:
			fmt.Fprintf(&b, "<iframe src=\"%s\" width=\"100\" height=\"50\"></iframe>\n", src)
		}
	}
	b.WriteString("<script>\n")
	for _, c := range script {
		fmt.Fprintf(&b, "document.cookie = %s;\n", strconv.Quote(c.SetCookie()))
	}
	b.WriteString(navScript)
	b.WriteString("\n</script>\n</body></html>\n")
	io.WriteString(w, b.String())
}
