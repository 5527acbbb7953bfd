package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Outbound credentials (the SMTP password, webhook secrets) must be usable,
// so they cannot be hashed like tokens. They are sealed with AES-256-GCM under
// a key kept in a file beside the database (<db>.key, mode 0600; KeyFile), so that a
// copy of the database or a backup alone does not reveal them.
const sealedPrefix = "sealed:v1:"

// keyPath is where the sealing key of the SQLite database at path lives.
func keyPath(path string) string { return path + ".key" }

// DefaultPGKeyFile is the sealing key's file on PostgreSQL, unless
// WithKeyFile says otherwise: every instance of one database needs the same.
const DefaultPGKeyFile = "catruc.key"

// WithKeyFile sets the file of the key that seals stored secrets (default:
// <db>.key beside a SQLite file, DefaultPGKeyFile on PostgreSQL).
func WithKeyFile(path string) Option { return func(s *Store) { s.keyFile = path } }

// KeyFile is the file of the key that seals stored secrets.
func (s *Store) KeyFile() string {
	switch {
	case s.keyFile != "":
		return s.keyFile
	case s.pg:
		return DefaultPGKeyFile
	}
	return keyPath(s.path)
}

// loadKey reads the sealing key from the file kp, creating it on first use.
func loadKey(kp string) ([]byte, error) {
	b, err := os.ReadFile(kp)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(key)
		f, err := os.OpenFile(kp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return loadKey(kp) // another process made it first
		}
		if err != nil {
			return nil, fmt.Errorf("store: create key file: %w", err)
		}
		if _, err := f.WriteString(enc + "\n"); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read key file: %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("store: key file %s is damaged", kp)
	}
	return key, nil
}

func (s *Store) aead() (cipher.AEAD, error) {
	key, err := loadKey(s.KeyFile())
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// seal encrypts a secret for storage ("" stays "").
func (s *Store) seal(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	g, err := s.aead()
	if err != nil {
		return "", err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return sealedPrefix + base64.StdEncoding.EncodeToString(g.Seal(nonce, nonce, []byte(plain), nil)), nil
}

// unseal decrypts a stored secret.
func (s *Store) unseal(stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	if !strings.HasPrefix(stored, sealedPrefix) {
		return "", errors.New("store: a stored secret is not sealed")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(stored, sealedPrefix))
	if err != nil {
		return "", err
	}
	g, err := s.aead()
	if err != nil {
		return "", err
	}
	if len(raw) < g.NonceSize() {
		return "", errors.New("store: a stored secret is damaged")
	}
	plain, err := g.Open(nil, raw[:g.NonceSize()], raw[g.NonceSize():], nil)
	if err != nil {
		return "", errors.New("store: a stored secret cannot be opened with this key file")
	}
	return string(plain), nil
}
