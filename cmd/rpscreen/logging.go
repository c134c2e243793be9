package main

import (
	"fmt"
	"io"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// newLogger builds the process logger writing to w: JSON for production,
// console for a terminal, at the configured level or above (never below
// floor). It is passed to every constructor; nothing uses a global logger.
func newLogger(cfg LogConfig, floor zapcore.Level, w io.Writer) (*zap.Logger, error) {
	level, err := zapcore.ParseLevel(cfg.Level)
	if err != nil {
		return nil, fmt.Errorf("log.level %q: %w", cfg.Level, err)
	}
	level = max(level, floor)

	var enc zapcore.Encoder
	switch cfg.Format {
	case formatJSON:
		ec := zap.NewProductionEncoderConfig()
		ec.TimeKey = "time"
		ec.EncodeTime = zapcore.RFC3339NanoTimeEncoder
		ec.EncodeDuration = zapcore.StringDurationEncoder
		enc = zapcore.NewJSONEncoder(ec)
	case formatConsole:
		ec := zap.NewDevelopmentEncoderConfig()
		ec.EncodeTime = zapcore.RFC3339TimeEncoder
		enc = zapcore.NewConsoleEncoder(ec)
	default:
		return nil, fmt.Errorf("log.format %w", validFormat(cfg.Format))
	}
	sink := zapcore.Lock(zapcore.AddSync(w))
	core := zapcore.NewCore(enc, sink, zap.NewAtomicLevelAt(level))
	return zap.New(core, zap.AddCaller(), zap.ErrorOutput(sink)), nil
}
