package storelock

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestSecondAcquireWaitsThenNamesTheHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.lock")
	first, err := Acquire(context.Background(), path, "delete", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var told []Holder
	_, err = Acquire(context.Background(), path, "undo", 200*time.Millisecond, func(h Holder) { told = append(told, h) })
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("second Acquire = %v, want *BusyError", err)
	}
	if busy.Holder.PID != os.Getpid() || busy.Holder.Command != "delete" {
		t.Errorf("holder = %+v, want this process running delete", busy.Holder)
	}
	if len(told) != 1 {
		t.Errorf("waiting called %d times, want once", len(told))
	}
	first.Release()
	if _, err := os.Stat(path); runtime.GOOS != "windows" && !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left after Release: %v", err)
	}
	second, err := Acquire(context.Background(), path, "undo", 0, nil)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	second.Release()
}

func TestWaiterGetsTheLockWhenReleased(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.lock")
	first, err := Acquire(context.Background(), path, "delete", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(150*time.Millisecond, first.Release)
	second, err := Acquire(context.Background(), path, "delete", 10*time.Second, nil)
	if err != nil {
		t.Fatalf("waiter: %v", err)
	}
	second.Release()
}

func TestContextEndsTheWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.lock")
	first, _ := Acquire(context.Background(), path, "delete", 0, nil)
	defer first.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := Acquire(ctx, path, "delete", time.Minute, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's", err)
	}
}

const holdEnv = "STORELOCK_HOLD"

// TestHolderProcess is the child of TestLockDiesWithItsHolder.
func TestHolderProcess(t *testing.T) {
	path := os.Getenv(holdEnv)
	if path == "" {
		t.Skip("child process only")
	}
	if _, err := Acquire(context.Background(), path, "clear", 0, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path+".ready", nil, 0o600)
	time.Sleep(time.Minute)
}

func TestLockDiesWithItsHolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	path := filepath.Join(t.TempDir(), "a.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHolderProcess$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if _, err := os.Stat(path + ".ready"); err == nil {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	_, err := Acquire(context.Background(), path, "delete", 100*time.Millisecond, nil)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Holder.PID != cmd.Process.Pid || busy.Holder.Command != "clear" {
		t.Fatalf("while the child holds it: %v (%+v), want busy naming pid %d", err, busy, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(context.Background(), path, "delete", 0, nil)
	if err != nil {
		t.Fatalf("after SIGKILL of the holder: %v", err)
	}
	l.Release()
}
