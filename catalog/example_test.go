package catalog_test

import (
	"fmt"

	"github.com/ofgl/ofgl-cookies/catalog"
)

func Example() {
	c := catalog.Default()

	m := c.Match("data.ofgl.fr", "sessionid", false)
	fmt.Println(m.Declared, m.Category, m.Entry.Provider, m.Entry.Lifetime.Label.In("fr"))

	m = c.Match(".ofgl.fr", "_ga", false)
	fmt.Println(m.Declared, m.Category, m.Source, m.Guess.Provider)

	// The same name on another host of ofgl.fr is not the charter's.
	m = c.Match("www.ofgl.fr", "sessionid", false)
	fmt.Println(m.Declared, m.Category, m.Source, m.Guess.Provider)
	// Output:
	// true necessary Opendatasoft 2 semaines
	// false statistics guess Google Analytics
	// false undeclared none Django
}

func ExampleSite_HostKeys() {
	s, err := catalog.NewSite("data.ofgl.fr")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.HostKeys(), s.PartitionSites())
	fmt.Println(s.Sends(".ofgl.fr"), s.Sends("ofgl.fr"), s.Sends("www.ofgl.fr"))
	// Output:
	// [data.ofgl.fr .data.ofgl.fr .ofgl.fr] [https://ofgl.fr http://ofgl.fr]
	// true false false
}
