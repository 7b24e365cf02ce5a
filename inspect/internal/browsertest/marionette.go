package browsertest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// marionette is a minimal client of Firefox's Marionette protocol (version
// 3): packets are "<length>:<json>", commands [0, id, name, params] and
// answers [1, id, error, result]. Plain TCP, so no WebSocket is needed.
type marionette struct {
	conn net.Conn
	r    *bufio.Reader
	id   int
}

// dialMarionette connects, reads the greeting and opens a session.
func dialMarionette(ctx context.Context, port int) (*marionette, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, err
	}
	m := &marionette{conn: conn, r: bufio.NewReader(conn)}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if _, err := m.read(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("marionette greeting: %w", err)
	}
	if _, err := m.call("WebDriver:NewSession", map[string]any{}); err != nil {
		conn.Close()
		return nil, err
	}
	conn.SetDeadline(time.Time{})
	return m, nil
}

// read reads one packet.
func (m *marionette) read() ([]byte, error) {
	head, err := m.r.ReadString(':')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(head[:len(head)-1])
	if err != nil || n < 0 || n > 64<<20 {
		return nil, fmt.Errorf("bad packet length %q", head)
	}
	buf := make([]byte, n)
	_, err = io.ReadFull(m.r, buf)
	return buf, err
}

// call sends a command and waits for its answer.
func (m *marionette) call(name string, params any) (json.RawMessage, error) {
	m.id++
	msg, err := json.Marshal([]any{0, m.id, name, params})
	if err != nil {
		return nil, err
	}
	if _, err := m.conn.Write(append([]byte(strconv.Itoa(len(msg))+":"), msg...)); err != nil {
		return nil, err
	}
	for {
		pkt, err := m.read()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		var resp []json.RawMessage
		if err := json.Unmarshal(pkt, &resp); err != nil || len(resp) != 4 {
			continue // not an answer
		}
		var typ, id int
		json.Unmarshal(resp[0], &typ)
		json.Unmarshal(resp[1], &id)
		if typ != 1 || id != m.id {
			continue
		}
		if string(resp[2]) != "null" {
			return nil, fmt.Errorf("%s: %s", name, resp[2])
		}
		return resp[3], nil
	}
}

// openInContainer adds a selected tab loading url in a container.
func (m *marionette) openInContainer(ctx context.Context, url string, userContextID int) error {
	if dl, ok := ctx.Deadline(); ok {
		m.conn.SetDeadline(dl)
		defer m.conn.SetDeadline(time.Time{})
	}
	if _, err := m.call("Marionette:SetContext", map[string]any{"value": "chrome"}); err != nil {
		return err
	}
	const script = `
const [url, userContextId] = arguments;
const win = Services.wm.getMostRecentWindow("navigator:browser");
const tab = win.gBrowser.addTab(url, {
  userContextId,
  triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
});
win.gBrowser.selectedTab = tab;
return tab.getAttribute("usercontextid");`
	res, err := m.call("WebDriver:ExecuteScript", map[string]any{"script": script, "args": []any{url, userContextID}})
	if err != nil {
		return err
	}
	var out struct {
		Value string `json:"value"`
	}
	json.Unmarshal(res, &out)
	if out.Value != strconv.Itoa(userContextID) {
		return fmt.Errorf("the new tab has usercontextid %q (answer %s)", out.Value, res)
	}
	return nil
}

// quit asks Firefox to quit cleanly.
func (m *marionette) quit(ctx context.Context) error {
	if dl, ok := ctx.Deadline(); ok {
		m.conn.SetDeadline(dl)
	}
	_, err := m.call("Marionette:Quit", map[string]any{"flags": []string{"eAttemptQuit"}})
	// Firefox may close the connection before or after answering.
	if err != nil && (errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed)) {
		return nil
	}
	return err
}

// close closes the connection.
func (m *marionette) close() { m.conn.Close() }
