// Package examples holds the two datasets a first visit can open: the real
// figures reported about registered sex offenders (press and FOI, 2005 to
// 2024, each with its source) and a synthetic practice dataset of 43 forces
// over 10 years.
//
// It builds tables of the model (cube) from the domain (police); library
// and report use it.
package examples
