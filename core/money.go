package core

import "github.com/shopspring/decimal"

// Currency is the only currency Påminn handles today.
const Currency = "SEK"

// RoundOre rounds an amount once to öre, half away from zero.
func RoundOre(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// ToOre converts an amount to whole öre (rounding to öre first); the storage form.
func ToOre(d decimal.Decimal) int64 { return RoundOre(d).Shift(2).IntPart() }

// FromOre converts whole öre to an amount in kronor.
func FromOre(ore int64) decimal.Decimal { return decimal.New(ore, -2) }
