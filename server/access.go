package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/backchannel/backchannel/server/auth"
	"github.com/gin-gonic/gin"
)

// Access control for a team server, in the order the middlewares run:
//
//  1. checkHost: the Host header must be one of Options.Hosts (when set),
//     so that a DNS-rebinding page cannot talk to the server under a name
//     of its own;
//  2. checkOrigin: an unsafe method (POST, PUT, PATCH, DELETE) from a
//     browser must come from the server's own origin (Sec-Fetch-Site,
//     Origin), so that another site cannot make a signed-in browser post;
//  3. authenticate and authorize (when Options.Users is set): every route
//     but /login, /login.css and /healthz needs a bearer token
//     (Authorization: Bearer bc_...) or the session cookie /login sets,
//     and the user's role must allow the route (routeRoles).
//
// Refusals are 401 (no or bad credential) or 403 (host, origin, role),
// with a message that says what to do.

// sessionCookie names the browser's sign-in cookie.
const sessionCookie = "backchannel_session"

// routeRoles is the least role each route needs; every other route needs
// auth.Reader.
var routeRoles = map[string]auth.Role{
	"POST /api/cypher": auth.Analyst,
}

// publicRoutes answer without a credential.
var publicRoutes = map[string]bool{
	"GET /login":     true,
	"POST /login":    true,
	"GET /login.css": true,
	"GET /healthz":   true,
}

// userKey holds the signed-in user in the gin context.
const userKey = "backchannel.user"

func (s *Server) checkHost() gin.HandlerFunc {
	return func(c *gin.Context) {
		if len(s.opts.Hosts) == 0 || hostAllowed(c.Request.Host, s.opts.Hosts) {
			c.Next()
			return
		}
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "Host " + clipShort(c.Request.Host) +
			" is not an address this server answers to (" + strings.Join(s.opts.Hosts, ", ") + "): use one of those, or restart serve with --host " + clipShort(c.Request.Host)})
	}
}

// hostAllowed matches host against the allowed list; an entry without a
// port allows that name on any port.
func hostAllowed(host string, allowed []string) bool {
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	for _, a := range allowed {
		if strings.EqualFold(a, host) {
			return true
		}
		if _, _, err := net.SplitHostPort(a); err != nil && strings.EqualFold(strings.Trim(a, "[]"), strings.Trim(name, "[]")) {
			return true
		}
	}
	return false
}

func (s *Server) checkOrigin() gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.Request.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			c.Next()
			return
		}
		// Fetch metadata decides when the browser sends it: the pages set
		// Referrer-Policy: no-referrer, under which a form's Origin is
		// "null" even on the server's own page. Older browsers send only
		// Origin, which must then name this server.
		if site := c.GetHeader("Sec-Fetch-Site"); site != "" {
			if site != "same-origin" && site != "none" {
				c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "cross-site request refused (Sec-Fetch-Site: " + clipShort(site) + "): send it from the explorer's own page, or from a script with a bearer token"})
				return
			}
		} else if origin := c.GetHeader("Origin"); origin != "" {
			u, err := url.Parse(origin)
			if err != nil || u.Host == "" || !strings.EqualFold(u.Host, c.Request.Host) {
				c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "cross-site request refused (Origin " + clipShort(origin) + " is not this server): send it from the explorer's own page, or from a script with a bearer token"})
				return
			}
		}
		c.Next()
	}
}

func (s *Server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.opts.Users == nil {
			c.Next()
			return
		}
		route := c.Request.Method + " " + c.FullPath()
		if publicRoutes[route] {
			c.Next()
			return
		}
		users, err := s.opts.Users.Users()
		if err != nil {
			s.log.Error("users file", "err", err)
			c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "the server cannot read its users file; the server log has the details"})
			return
		}
		user, ok, why := s.credential(c, users)
		if !ok {
			if c.Request.Method == http.MethodGet && !strings.HasPrefix(c.Request.URL.Path, "/api/") && strings.Contains(c.GetHeader("Accept"), "text/html") {
				// A browser opening a page: to the sign-in page, and back.
				c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
				c.Abort()
				return
			}
			c.Header("WWW-Authenticate", `Bearer realm="backchannel"`)
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": why})
			return
		}
		need, ok := routeRoles[route]
		if !ok {
			need = auth.Reader
		}
		if !user.Role.Allows(need) {
			c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "user " + user.Name + " has the role " + string(user.Role) +
				"; " + describeRoute(route) + " needs " + string(need) + ": ask an admin to run backchannel users add " + user.Name + " --role " + string(need)})
			return
		}
		c.Set(userKey, user)
		c.Next()
	}
}

// credential finds the request's user: a bearer token, else the session
// cookie. why says what to do when there is none.
func (s *Server) credential(c *gin.Context, users *auth.Users) (auth.User, bool, string) {
	if h := c.GetHeader("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return auth.User{}, false, "Authorization: want \"Bearer TOKEN\"; make a token with backchannel users token NAME"
		}
		u, ok := users.ByToken(strings.TrimSpace(token))
		if !ok {
			return auth.User{}, false, "this bearer token is not valid (revoked or mistyped): make a new one with backchannel users token NAME"
		}
		return u, true, ""
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && ck != "" {
		if name, ok := s.sessions.User(ck); ok {
			if u, ok := users.Lookup(name); ok {
				return u, true, ""
			}
		}
		return auth.User{}, false, "your sign-in has expired or was ended: sign in again at /login"
	}
	return auth.User{}, false, "sign in first: open /login in a browser, or send Authorization: Bearer TOKEN (make one with backchannel users token NAME)"
}

func describeRoute(route string) string {
	switch route {
	case "POST /api/cypher":
		return "the Cypher console"
	}
	return route
}

// clipShort cuts header values quoted in messages.
func clipShort(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
