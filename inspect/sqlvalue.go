package inspect

import (
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
)

// SQLValue is one SQLite value kept with its storage class, so that an undo
// re-inserts a row byte for byte: Chromium drops every cookie of a site if
// one row comes back altered.
type SQLValue struct {
	Type  string `json:"t"`           // "null", "int", "real", "text", "blob"
	Value string `json:"v,omitempty"` // decimal, %g, text as is, blob in base64
}

func toSQLValue(v any) (SQLValue, error) {
	switch x := v.(type) {
	case nil:
		return SQLValue{Type: "null"}, nil
	case int64:
		return SQLValue{Type: "int", Value: strconv.FormatInt(x, 10)}, nil
	case float64:
		return SQLValue{Type: "real", Value: strconv.FormatFloat(x, 'g', -1, 64)}, nil
	case string:
		return SQLValue{Type: "text", Value: x}, nil
	case []byte:
		return SQLValue{Type: "blob", Value: base64.StdEncoding.EncodeToString(x)}, nil
	case bool:
		if x {
			return SQLValue{Type: "int", Value: "1"}, nil
		}
		return SQLValue{Type: "int", Value: "0"}, nil
	}
	return SQLValue{}, fmt.Errorf("unexpected SQLite value of type %T", v)
}

// Arg returns the value to bind in a statement.
func (v SQLValue) Arg() (any, error) {
	switch v.Type {
	case "null":
		return nil, nil
	case "int":
		return strconv.ParseInt(v.Value, 10, 64)
	case "real":
		f, err := strconv.ParseFloat(v.Value, 64)
		if err == nil && (math.IsInf(f, 0) || math.IsNaN(f)) {
			err = fmt.Errorf("invalid real %q", v.Value)
		}
		return f, err
	case "text":
		return v.Value, nil
	case "blob":
		b, err := base64.StdEncoding.DecodeString(v.Value)
		if b == nil {
			b = []byte{}
		}
		return b, err
	}
	return nil, fmt.Errorf("unknown value type %q", v.Type)
}

// UndoRow is one deleted row: every column, by name, in table order.
type UndoRow struct {
	RowID   int64      `json:"rowid"`
	Columns []string   `json:"columns"`
	Values  []SQLValue `json:"values"`
}
