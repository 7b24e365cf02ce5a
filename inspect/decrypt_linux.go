//go:build linux

package inspect

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"unicode/utf8"
)

// On Linux, Chromium's values are decrypted here, not by kooky, so that the
// keyring is asked once per browser per run (see browserKey) and never
// through a bus that godbus would start. The formats are Chromium's
// os_crypt: "v10" is AES-128-CBC under PBKDF2("peanuts"), "v11" the same
// under PBKDF2(key from the keyring), "v12" AES-256-GCM under
// HKDF(key from the keyring) as kooky reads it.

// nativeChromiumDecryption is true where decryptChromiumNative is used.
const nativeChromiumDecryption = true

// Chromium's fixed parameters for the AES-CBC formats.
const (
	linuxSalt       = "saltysalt"
	linuxIterations = 1
	linuxKeyLength  = 16
)

// linuxPasswordV10 is the password of "v10" values (--password-store=basic);
// Chromium also falls back to an empty one when the keyring gives none.
var linuxPasswordV10 = []byte("peanuts")

// decryptChromiumNative returns the decrypted value of each secret by
// index. The error is the keyring's, when values that needed its key could
// not be decrypted for want of it.
func decryptChromiumNative(ctx context.Context, ref StoreRef, metaVersion int, secrets []chromiumSecret) (map[int]string, error) {
	values := map[int]string{}
	var (
		key    []byte
		keyErr error
		asked  bool
	)
	keyringKey := func() []byte {
		if !asked {
			asked = true
			key, keyErr = browserKey(ctx, safeStorageAccount(ref.Browser), func(ctx context.Context) ([]byte, error) {
				ctx, cancel := context.WithTimeout(ctx, decryptTimeout)
				defer cancel()
				return lookupBrowserKey(ctx, ref.Browser)
			})
		}
		return key
	}
	var missingKey bool
	for _, s := range secrets {
		if len(s.encrypted) == 0 {
			values[s.index] = s.value
			continue
		}
		var plain []byte
		var ok bool
		switch {
		case bytes.HasPrefix(s.encrypted, []byte("v10")):
			plain, ok = decryptCBCWith(s.encrypted[3:], metaVersion, s.host, linuxPasswordV10, nil)
		case bytes.HasPrefix(s.encrypted, []byte("v11")):
			k := keyringKey()
			plain, ok = decryptCBCWith(s.encrypted[3:], metaVersion, s.host, k, []byte{})
			missingKey = missingKey || (!ok && k == nil)
		case bytes.HasPrefix(s.encrypted, []byte("v12")):
			if k := keyringKey(); k != nil {
				plain, ok = decryptV12(s.encrypted[3:], metaVersion, s.host, k)
			} else {
				missingKey = true
			}
		}
		if ok {
			values[s.index] = string(plain)
		}
	}
	if missingKey && keyErr != nil {
		return values, keyErr
	}
	return values, nil
}

// decryptCBCWith tries each non-nil password in turn.
func decryptCBCWith(ciphertext []byte, metaVersion int, host string, passwords ...[]byte) ([]byte, bool) {
	for _, pw := range passwords {
		if pw == nil {
			continue
		}
		key, err := pbkdf2.Key(sha1.New, string(pw), []byte(linuxSalt), linuxIterations, linuxKeyLength)
		if err != nil {
			continue
		}
		if plain, ok := decryptCBC(ciphertext, key, metaVersion, host); ok {
			return plain, true
		}
	}
	return nil, false
}

// decryptCBC decrypts AES-128-CBC with Chromium's IV of 16 spaces and
// checks the whole padding and, from meta version 24, the SHA-256(host)
// prefix; a value that fails a check was encrypted under another key.
func decryptCBC(ciphertext, key []byte, metaVersion int, host string) ([]byte, bool) {
	block, err := aes.NewCipher(key)
	if err != nil || len(ciphertext) == 0 || len(ciphertext)%aes.BlockSize != 0 {
		return nil, false
	}
	plain := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, bytes.Repeat([]byte{' '}, aes.BlockSize)).CryptBlocks(plain, ciphertext)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > aes.BlockSize || pad > len(plain) {
		return nil, false
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return nil, false
		}
	}
	return checkHostPrefix(plain[:len(plain)-pad], metaVersion, host)
}

// decryptV12 decrypts the AES-256-GCM format, keyed by HKDF-SHA256 of the
// keyring's secret as kooky derives it.
func decryptV12(data []byte, metaVersion int, host string, secret []byte) ([]byte, bool) {
	key, err := hkdf.Key(sha256.New, secret, []byte("fdo_portal_secret_salt"), "HKDF-SHA-256 AES-256-GCM", 32)
	if err != nil || len(data) < 12+16 {
		return nil, false
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, false
	}
	plain, err := gcm.Open(nil, data[:12], data[12:], nil)
	if err != nil {
		return nil, false
	}
	return checkHostPrefix(plain, metaVersion, host)
}

// checkHostPrefix strips and checks Chromium's SHA-256(host) prefix (meta
// version 24+). Older values have no such check: text that is not UTF-8
// is taken for a wrong key's garbage.
func checkHostPrefix(plain []byte, metaVersion int, host string) ([]byte, bool) {
	if metaVersion < hashPrefixVersion {
		return plain, utf8.Valid(plain)
	}
	sum := sha256.Sum256([]byte(host))
	if len(plain) < len(sum) || !bytes.Equal(plain[:len(sum)], sum[:]) {
		return nil, false
	}
	return plain[len(sum):], true
}
