package models

import (
	"math/rand/v2"
)

// Handles are memorable names for incidents ("serious-badger"), used for the
// response channel. 64 × 64 = 4096 pairs; once those are taken a numeric
// suffix keeps them unique.
var handleAdjectives = []string{
	"amber", "ancient", "autumn", "bold", "brave", "bright", "brisk", "calm",
	"clever", "cosmic", "crimson", "curious", "daring", "dusty", "eager", "electric",
	"fancy", "fearless", "fierce", "frosty", "gentle", "giant", "golden", "grumpy",
	"happy", "hidden", "hollow", "humble", "icy", "jolly", "keen", "lively",
	"lucky", "mellow", "mighty", "misty", "noble", "patient", "plucky", "polite",
	"proud", "quick", "quiet", "rapid", "restless", "rusty", "serious", "shiny",
	"silent", "silver", "sleepy", "sly", "snowy", "solemn", "spicy", "steady",
	"stormy", "sunny", "swift", "tidy", "vivid", "wandering", "wise", "zesty",
}

var handleAnimals = []string{
	"albatross", "alpaca", "badger", "beaver", "bison", "bobcat", "buffalo", "camel",
	"caribou", "cheetah", "cobra", "condor", "coyote", "crane", "dingo", "dolphin",
	"eagle", "falcon", "ferret", "flamingo", "fox", "gazelle", "gecko", "gibbon",
	"heron", "hyena", "ibis", "iguana", "jackal", "jaguar", "koala", "lemur",
	"leopard", "lynx", "magpie", "marmot", "meerkat", "mongoose", "moose", "narwhal",
	"ocelot", "octopus", "orca", "otter", "owl", "panda", "pelican", "penguin",
	"puffin", "quokka", "raccoon", "raven", "salmon", "seal", "sparrow", "squid",
	"stoat", "tapir", "tiger", "toucan", "walrus", "weasel", "wolf", "yak",
}

// RandomHandle returns an adjective-animal pair.
func RandomHandle() string {
	return handleAdjectives[rand.IntN(len(handleAdjectives))] + "-" + handleAnimals[rand.IntN(len(handleAnimals))]
}
