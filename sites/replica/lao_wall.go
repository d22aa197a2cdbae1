package replica

import (
	"net/http"
	"strconv"
)

// LaodongD1N is the value of the D1N cookie the laodong.vn replica's
// cookie wall asks for. It is fixed, so every replica build (and every
// test) sees the same challenge. A request to any laodong.vn host that
// does not carry "D1N=" + LaodongD1N gets the challenge page instead of
// the real page (see laoWall).
const LaodongD1N = "7c1e5a9f03b84d26e1a0f5c3b92d6e48"

// laoChallenge is the page laodong.vn serves to plain clients [V, sites.md
// §2 ANTI-BOT]: HTTP 200, a few hundred bytes of script that sets the D1N
// cookie and reloads.
const laoChallenge = `<html><body><script>document.cookie="D1N=` + LaodongD1N +
	`"+"; expires=Thu, 31 Dec 2099 23:59:59 GMT; path=/";window.location.reload(true);</script></body></html>`

// laoWall wraps the laodong.vn handler in the D1N cookie wall: without
// the right cookie every request (pages, robots.txt, RSS, 404s alike)
// gets the challenge with status 200.
func laoWall(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if c, err := req.Cookie("D1N"); err == nil && c.Value == LaodongD1N {
			next.ServeHTTP(w, req)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html")
		h.Set("Content-Length", strconv.Itoa(len(laoChallenge)))
		h.Set("Cache-Control", "no-cache, no-store, must-revalidate")
		w.WriteHeader(http.StatusOK)
		if req.Method != http.MethodHead {
			_, _ = w.Write([]byte(laoChallenge))
		}
	})
}
