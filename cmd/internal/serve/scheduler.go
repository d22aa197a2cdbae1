package serve

import (
	"errors"
	"time"

	"github.com/robfig/cron/v3"
)

// schedule adds a cron entry per scheduled site and kind.
func (s *Server) schedule() error {
	for _, p := range s.o.Profiles.Crawlable() {
		if !s.o.Config.scheduled(p.Name) {
			continue
		}
		sc := s.o.Config.siteConfig(p.Name)
		for _, kind := range []string{KindCrawl, KindRefresh} {
			spec, def := sc.Schedule, true
			if kind == KindRefresh {
				spec, def = sc.Refresh.Schedule, false
			}
			sched, err := parseSchedule(p.Name, spec, def)
			if errors.Is(err, errOff) {
				continue
			}
			if err != nil {
				return err
			}
			site, kind := p.Name, kind
			id := s.cron.Schedule(sched, cron.FuncJob(func() {
				if _, err := s.Start(site, kind, TriggerSchedule, nil); err != nil {
					s.log.Warn("scheduled run not started", logKeySite, site, logKeyKind, kind, logKeyErr, err)
				}
			}))
			s.entries[site+"\x00"+kind] = id
		}
	}
	return nil
}

// next returns the next scheduled time of site's kind (zero: none).
func (s *Server) next(site, kind string) time.Time {
	s.mu.Lock()
	id, ok := s.entries[site+"\x00"+kind]
	s.mu.Unlock()
	if !ok {
		return time.Time{}
	}
	return s.cron.Entry(id).Next
}

// catchUp starts, once, every scheduled run whose time came while serve
// was down: the schedule's next time after the last finished run is
// already past.
func (s *Server) catchUp(now time.Time) {
	s.mu.Lock()
	type job struct{ site, kind string }
	var jobs []job
	for key, id := range s.entries {
		site, kind := splitKey(key)
		last := s.state.last(site, kind)
		if last.IsZero() {
			continue // never ran here: nothing was missed
		}
		if e := s.cron.Entry(id); e.Schedule != nil && !e.Schedule.Next(last.In(s.o.Location)).After(now) {
			jobs = append(jobs, job{site, kind})
		}
	}
	s.mu.Unlock()
	for _, j := range jobs {
		s.log.Info("running a scheduled run missed while serve was down", logKeySite, j.site, logKeyKind, j.kind)
		if _, err := s.Start(j.site, j.kind, TriggerMissed, nil); err != nil {
			s.log.Warn("missed run not started", logKeySite, j.site, logKeyErr, err)
		}
	}
}

func splitKey(k string) (site, kind string) {
	for i := 0; i < len(k); i++ {
		if k[i] == 0 {
			return k[:i], k[i+1:]
		}
	}
	return k, ""
}
