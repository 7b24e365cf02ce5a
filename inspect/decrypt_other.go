//go:build !linux

package inspect

import "context"

// nativeChromiumDecryption is false: outside Linux, kooky gets the key
// (Keychain, DPAPI) and decrypts.
const nativeChromiumDecryption = false

// decryptChromiumNative is never called outside Linux.
func decryptChromiumNative(context.Context, StoreRef, int, []chromiumSecret) (map[int]string, error) {
	return nil, nil
}
