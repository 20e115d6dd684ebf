// Package police is the domain: the police forces of the United Kingdom
// (the 43 territorial forces of England and Wales by ONS code, British
// Transport Police, the PSNI, Police Scotland), the many ways their names
// are written, regions and countries and the forces they hold, the names of
// totals, and approximate populations for plausibility checks.
//
// It is below everything that reads or judges figures, and imports nothing
// of the project.
package police
