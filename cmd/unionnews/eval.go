package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// modulePath identifies the repository checkout that holds the eval data.
const modulePath = "github.com/unionnews/unionnews"

// floorsOff disables the floor check (-floors off).
const floorsOff = "off"

// errFloor means a set scored below a pinned floor.
var errFloor = errors.New("quality below the pinned floor")

type evalOptions struct {
	sets          []string
	root, floors  string
	verbose, json bool
}

func runEval(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "eval", "[-set seeds|sites|real|dumps|scrapinghub|all] [-floors FILE] [-root DIR] [-v] [-json]")
	set := fs.String("set", "all", "set to score: seeds, sites, real, dumps, scrapinghub or all")
	var o evalOptions
	fs.StringVar(&o.floors, "floors", "", `floors file (default <root>/testdata/eval/floors.json; "off" checks none)`)
	fs.StringVar(&o.root, "root", "", "repository checkout holding the data (default: the nearest enclosing directory whose go.mod is "+modulePath+")")
	fs.BoolVar(&o.verbose, "v", false, "print one line per page, worst first")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	if help, err := parse(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	switch *set {
	case "all":
		o.sets = evalSetNames()
	case setSeeds, setSites, setReal, setDumps, setScrapinghub:
		o.sets = []string{*set}
	default:
		fmt.Fprintf(e.stderr, "unionnews eval: unknown set %q\n", *set)
		return errUsage
	}
	return evalRun(ctx, e, o)
}

// evalRun scores the sets, prints the report and checks the floors.
func evalRun(ctx context.Context, e env, o evalOptions) error {
	root := o.root
	if root == "" {
		r, err := findRepoRoot()
		if err != nil {
			return err
		}
		root = r
	}
	var floors map[string]setFloor
	if o.floors != floorsOff {
		path := o.floors
		if path == "" {
			path = filepath.Join(root, "testdata", "eval", "floors.json")
		}
		f, err := loadFloors(path)
		if err != nil {
			return err
		}
		floors = f
	}
	rep, err := evaluate(ctx, root, o.sets, o.verbose)
	if err != nil {
		return err
	}
	rep.FloorFailed = checkFloors(rep.Sets, floors)
	if err := printReport(e.stdout, rep, o.json); err != nil {
		return err
	}
	if len(rep.FloorFailed) > 0 {
		return fmt.Errorf("eval: %s: %w", strings.Join(rep.FloorFailed, "; "), errFloor)
	}
	return nil
}

// evaluate runs the named sets, and the speed comparison with the sites.
func evaluate(ctx context.Context, root string, sets []string, withPages bool) (evalReport, error) {
	var rep evalReport
	for _, name := range sets {
		var res setResult
		var err error
		switch name {
		case setSeeds:
			res, err = evalSeeds(ctx, root)
		case setSites:
			res, rep.Speed, err = evalSitesWithSpeed(ctx)
		case setReal:
			res, err = evalReal(ctx, root)
		case setDumps:
			res, err = evalDumps(ctx, root)
		case setScrapinghub:
			res, err = evalScrapinghub(ctx, root)
		default:
			err = fmt.Errorf("unknown eval set %q", name)
		}
		if err != nil {
			return rep, fmt.Errorf("eval %s: %w", name, err)
		}
		rep.Sets = append(rep.Sets, summarize(res, withPages))
	}
	return rep, nil
}

// evalSitesWithSpeed scores the sites set and times it against the
// generic path.
func evalSitesWithSpeed(ctx context.Context) (setResult, *speedResult, error) {
	pages, err := loadSitePages()
	if err != nil {
		return setResult{}, nil, err
	}
	res, err := evalSites(ctx, pages)
	if err != nil {
		return res, nil, err
	}
	sp, err := measureSpeed(ctx, pages)
	if err != nil {
		return res, nil, err
	}
	return res, &sp, nil
}

// findRepoRoot walks up from the working directory to the checkout of
// this module, where the eval data lives.
func findRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isModuleRoot(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no %s checkout above the working directory: run inside the repository or pass -root", modulePath)
		}
		dir = parent
	}
}

// isModuleRoot reports whether dir/go.mod declares this module.
func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 && fields[0] == "module" {
			return fields[1] == modulePath
		}
	}
	return false
}
