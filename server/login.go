package server

import (
	"html/template"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/backchannel/backchannel/server/auth"
	"github.com/gin-gonic/gin"
)

// The sign-in page: a plain HTML form (no script, so nothing of the
// explorer's bundle), which sets the session cookie and sends the browser
// on to where it was going.

func (s *Server) registerLoginRoutes(r *gin.Engine) {
	r.GET("/login", s.loginPage)
	r.POST("/login", s.login)
	r.POST("/logout", s.logout)
	r.GET("/login.css", func(c *gin.Context) {
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "text/css; charset=utf-8", []byte(loginCSS))
	})
	r.GET("/api/whoami", s.whoami)
}

var loginTmpl = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backchannel: sign in</title>
<link rel="stylesheet" href="/login.css"></head>
<body><main>
<h1>backchannel</h1>
{{if .User}}<p>Signed in as <strong id="signed-in-user">{{.User}}</strong>.</p>
<p><a href="/">Open the explorer</a></p>
<form method="post" action="/logout"><button type="submit" id="sign-out">Sign out</button></form>
{{else}}<form method="post" action="/login" id="sign-in">
<input type="hidden" name="next" value="{{.Next}}">
<label>User <input name="user" id="user" autocomplete="username" required autofocus></label>
<label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
{{if .Error}}<p class="error" id="sign-in-error" role="alert">{{.Error}}</p>{{end}}
<button type="submit" id="sign-in-button">Sign in</button>
</form>
<p class="hint">No account? An admin adds one with <code>backchannel users add NAME --role reader</code>.
Scripts use a bearer token instead: <code>backchannel users token NAME</code>.</p>
{{end}}</main></body></html>
`))

const loginCSS = `body{font:16px/1.4 system-ui,sans-serif;background:#f4f4f2;color:#222;margin:0}
main{max-width:22rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}label{display:block;margin:.8rem 0}
input{display:block;width:100%;box-sizing:border-box;padding:.45rem;font:inherit;margin-top:.2rem}
button{padding:.5rem 1rem;font:inherit}.error{color:#a00}.hint{font-size:.85rem;color:#555}
`

type loginData struct {
	User, Next, Error string
}

// safeNext keeps a redirect target on this server: a path, never
// "//host" or a URL.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

func (s *Server) renderLogin(c *gin.Context, status int, d loginData) {
	c.Header("Cache-Control", "no-store")
	c.Status(status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := loginTmpl.Execute(c.Writer, d); err != nil {
		s.log.Error("login page", "err", err)
	}
}

func (s *Server) loginPage(c *gin.Context) {
	d := loginData{Next: safeNext(c.Query("next"))}
	if s.opts.Users == nil {
		d.Error = "This server runs without sign-in (on loopback only)."
	} else if ck, err := c.Cookie(sessionCookie); err == nil {
		d.User, _ = s.sessions.User(ck)
	}
	s.renderLogin(c, http.StatusOK, d)
}

func (s *Server) login(c *gin.Context) {
	next := safeNext(c.PostForm("next"))
	if s.opts.Users == nil {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	ip := clientIP(c)
	if wait := s.throttle.wait(ip); wait > 0 {
		c.Header("Retry-After", wait.Round(time.Second).String())
		s.renderLogin(c, http.StatusTooManyRequests, loginData{Next: next, Error: "Too many failed sign-ins from here: wait a minute and try again."})
		return
	}
	users, err := s.opts.Users.Users()
	if err != nil {
		s.log.Error("users file", "err", err)
		s.renderLogin(c, http.StatusInternalServerError, loginData{Next: next, Error: "The server cannot read its users file; the server log has the details."})
		return
	}
	u, ok := users.SignIn(strings.TrimSpace(c.PostForm("user")), c.PostForm("password"))
	if !ok {
		s.throttle.fail(ip)
		s.renderLogin(c, http.StatusUnauthorized, loginData{Next: next, Error: "Wrong user name or password."})
		return
	}
	s.throttle.reset(ip)
	id, err := s.sessions.Start(u.Name)
	if err != nil {
		s.log.Error("session", "err", err)
		s.renderLogin(c, http.StatusInternalServerError, loginData{Next: next, Error: "Could not start a session; the server log has the details."})
		return
	}
	s.setSessionCookie(c, id, int(auth.SessionTTL.Seconds()))
	c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) logout(c *gin.Context) {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		s.sessions.End(ck)
	}
	s.setSessionCookie(c, "", -1)
	c.Redirect(http.StatusSeeOther, "/login")
}

// setSessionCookie: HttpOnly (no script reads it), SameSite=Strict (no
// other site's request carries it), Secure over TLS.
func (s *Server) setSessionCookie(c *gin.Context, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
		Secure:   s.opts.SecureCookies || c.Request.TLS != nil,
	})
}

// whoami says who is signed in and with which role; "" without sign-in.
func (s *Server) whoami(c *gin.Context) {
	v, ok := c.Get(userKey)
	if !ok {
		c.JSON(http.StatusOK, gin.H{"user": "", "role": "", "auth": s.opts.Users != nil})
		return
	}
	u := v.(auth.User)
	c.JSON(http.StatusOK, gin.H{"user": u.Name, "role": u.Role, "auth": true})
}

func clientIP(c *gin.Context) string {
	host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
	if err != nil {
		return c.Request.RemoteAddr
	}
	return host
}

// throttle slows password guessing: after 5 failed sign-ins from an
// address, the next waits a minute.
type throttle struct {
	mu    sync.Mutex
	fails map[string]*failures
}

type failures struct {
	n     int
	until time.Time
}

const (
	maxFailures  = 5
	failureDelay = time.Minute
)

func (t *throttle) wait(ip string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := t.fails[ip]; f != nil && time.Now().Before(f.until) {
		return time.Until(f.until)
	}
	return 0
}

func (t *throttle) fail(ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fails == nil {
		t.fails = map[string]*failures{}
	}
	f := t.fails[ip]
	if f == nil {
		f = &failures{}
		t.fails[ip] = f
	}
	f.n++
	if f.n >= maxFailures {
		f.n, f.until = 0, time.Now().Add(failureDelay)
	}
}

func (t *throttle) reset(ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, ip)
}
