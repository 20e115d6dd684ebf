// Package lazyre compiles a regular expression on first use, not at
// package init, so that the engine starts without compiling the reader's
// expressions (see lazyRegexp).
package lazyre
