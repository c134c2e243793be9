// Package matchtest generates names for testing and measuring the matcher:
// perturbed variants of real listed names (typos, legal-form swaps,
// transliteration, word order) and synthetic lists of realistic company
// and person names at any size. Generation is deterministic for a seed.
// HitSet compares what two searches found.
package matchtest
