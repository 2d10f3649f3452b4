package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
	"github.com/backchannel/backchannel/server"
	"github.com/backchannel/backchannel/server/auth"
)

const testPassword = "correct horse battery"

// teamServer is a server with sign-in on, users reader (ria) and analyst
// (ana), and their bearer tokens.
func teamServer(t *testing.T) (h http.Handler, tokens map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "users.json")
	users := &auth.Users{}
	tokens = map[string]string{}
	for name, role := range map[string]auth.Role{"ria": auth.Reader, "ana": auth.Analyst} {
		if err := users.Set(name, role, testPassword); err != nil {
			t.Fatal(err)
		}
		tok, err := users.NewToken(name)
		if err != nil {
			t.Fatal(err)
		}
		tokens[name] = tok
	}
	if err := users.Write(path); err != nil {
		t.Fatal(err)
	}
	f, err := auth.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st := mem.New()
	if err := st.Load(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return server.New(st, server.Options{Users: f, Hosts: []string{"team.example:8080"}}).Handler(), tokens
}

type req struct {
	method, path, body string
	header             map[string]string
}

func send(h http.Handler, r req) *httptest.ResponseRecorder {
	hr := httptest.NewRequest(r.method, r.path, strings.NewReader(r.body))
	hr.Host = "team.example:8080"
	if r.body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.header {
		if k == "Host" {
			hr.Host = v
			continue
		}
		hr.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, hr)
	return rec
}

// TestAccess: with sign-in on, every API route needs a credential (401),
// a reader may not use the console (403), an analyst may, a cross-site
// POST is 403 whoever sends it, and a foreign Host is 403.
func TestAccess(t *testing.T) {
	h, tokens := teamServer(t)
	bearer := func(name string) map[string]string {
		return map[string]string{"Authorization": "Bearer " + tokens[name]}
	}
	cypher := `{"query": "MATCH (n) RETURN n LIMIT 1"}`
	tests := []struct {
		name string
		r    req
		code int
		want string
	}{
		{"stats without credential", req{"GET", "/api/stats", "", nil}, 401, "sign in first"},
		{"search without credential", req{"GET", "/api/search?q=han", "", nil}, 401, "Bearer"},
		{"cypher without credential", req{"POST", "/api/cypher", cypher, nil}, 401, "sign in"},
		{"ui asset without credential", req{"GET", "/assets/app.js", "", nil}, 401, ""},
		{"unknown api route without credential", req{"GET", "/api/nope", "", nil}, 401, ""},
		{"explorer page without credential", req{"GET", "/", "", map[string]string{"Accept": "text/html,*/*"}}, 303, ""},
		{"explorer page without credential, not a browser", req{"GET", "/", "", nil}, 401, "sign in first"},
		{"bad token", req{"GET", "/api/stats", "", map[string]string{"Authorization": "Bearer bc_0000_nope"}}, 401, "not valid"},
		{"basic auth", req{"GET", "/api/stats", "", map[string]string{"Authorization": "Basic YTpi"}}, 401, "Bearer TOKEN"},
		{"reader stats", req{"GET", "/api/stats", "", bearer("ria")}, 200, `"nodes"`},
		{"reader export", req{"GET", "/api/export?format=json", "", bearer("ria")}, 200, ""},
		{"reader console", req{"POST", "/api/cypher", cypher, bearer("ria")}, 403, "needs analyst"},
		{"analyst console", req{"POST", "/api/cypher", cypher, bearer("ana")}, 501, "Neo4j"}, // allowed; the embedded store has no Cypher
		{"cross-site post", req{"POST", "/api/cypher", cypher, map[string]string{"Authorization": "Bearer " + tokens["ana"], "Origin": "https://evil.example"}}, 403, "cross-site"},
		{"cross-site post by fetch metadata", req{"POST", "/api/export?format=json", `{"nodes":[],"edges":[]}`, map[string]string{"Authorization": "Bearer " + tokens["ana"], "Sec-Fetch-Site": "cross-site"}}, 403, "cross-site"},
		{"cross-site post, origin only", req{"POST", "/api/cypher", cypher, map[string]string{"Authorization": "Bearer " + tokens["ana"], "Origin": "null"}}, 403, "cross-site"},
		{"same-origin form under no-referrer", req{"POST", "/api/export?format=json", `{"nodes":[],"edges":[]}`, map[string]string{"Authorization": "Bearer " + tokens["ana"], "Origin": "null", "Sec-Fetch-Site": "same-origin"}}, 200, ""},
		{"same-origin post", req{"POST", "/api/export?format=json", `{"nodes":[],"edges":[]}`, map[string]string{"Authorization": "Bearer " + tokens["ana"], "Origin": "http://team.example:8080", "Sec-Fetch-Site": "same-origin"}}, 200, ""},
		{"foreign host", req{"GET", "/api/stats", "", map[string]string{"Authorization": "Bearer " + tokens["ana"], "Host": "evil.example"}}, 403, "not an address this server answers to"},
		{"healthz is public", req{"GET", "/healthz", "", nil}, 200, `"ok"`},
		{"readyz is not", req{"GET", "/readyz", "", nil}, 401, ""},
		{"login page is public", req{"GET", "/login", "", nil}, 200, "Sign in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, tt.r)
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("%s %s: got %d %.300s; want %d with %q", tt.r.method, tt.r.path, rec.Code, rec.Body, tt.code, tt.want)
			}
		})
	}
}

// TestSignIn: the sign-in page sets an HttpOnly, SameSite=Strict session
// cookie that then opens the API; a wrong password does not; signing out
// ends the session.
func TestSignIn(t *testing.T) {
	h, _ := teamServer(t)
	form := func(user, password, next string) req {
		v := url.Values{"user": {user}, "password": {password}, "next": {next}}
		return req{"POST", "/login", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://team.example:8080"}}
	}
	if rec := send(h, form("ana", "wrong password", "/")); rec.Code != 401 || !strings.Contains(rec.Body.String(), "Wrong user name or password") || rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("wrong password: got %d, cookie %q", rec.Code, rec.Header().Get("Set-Cookie"))
	}
	rec := send(h, form("ana", testPassword, "//evil.example/"))
	cookie := rec.Header().Get("Set-Cookie")
	if rec.Code != 303 || rec.Header().Get("Location") != "/" {
		t.Errorf("sign in: got %d to %q, want 303 to / (an off-site next is dropped)", rec.Code, rec.Header().Get("Location"))
	}
	for _, attr := range []string{"backchannel_session=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("session cookie %q is Secure on plain HTTP without --secure-cookies", cookie)
	}
	session := strings.Split(cookie, ";")[0]
	withCookie := map[string]string{"Cookie": session}
	if rec := send(h, req{"GET", "/api/whoami", "", withCookie}); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"role":"analyst"`) {
		t.Errorf("whoami with the session: got %d %s", rec.Code, rec.Body)
	}
	if rec := send(h, req{"GET", "/api/stats", "", withCookie}); rec.Code != 200 {
		t.Errorf("stats with the session: got %d %s", rec.Code, rec.Body)
	}
	// A form another site posts carries no cookie (SameSite) and is
	// refused by its Origin anyway.
	evil := form("ana", testPassword, "/")
	evil.header["Origin"] = "https://evil.example"
	if rec := send(h, evil); rec.Code != 403 {
		t.Errorf("cross-site sign-in: got %d, want 403", rec.Code)
	}
	if rec := send(h, req{"POST", "/logout", "", map[string]string{"Cookie": session, "Origin": "http://team.example:8080"}}); rec.Code != 303 {
		t.Errorf("sign out: got %d", rec.Code)
	}
	if rec := send(h, req{"GET", "/api/stats", "", withCookie}); rec.Code != 401 || !strings.Contains(rec.Body.String(), "sign in again") {
		t.Errorf("stats after signing out: got %d %s", rec.Code, rec.Body)
	}
}

// TestSignInThrottle: after five wrong passwords from one address, the
// next sign-in waits, even with the right password.
func TestSignInThrottle(t *testing.T) {
	h, _ := teamServer(t)
	for i := range 6 {
		v := url.Values{"user": {"ana"}, "password": {"guess"}}
		rec := send(h, req{"POST", "/login", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
		if want := map[bool]int{true: 429, false: 401}[i == 5]; rec.Code != want {
			t.Errorf("attempt %d: got %d, want %d", i+1, rec.Code, want)
		}
	}
}

// TestSecureCookie: behind TLS (a proxy's: --secure-cookies) the session
// cookie is Secure.
func TestSecureCookie(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.json")
	users := &auth.Users{}
	if err := users.Set("ana", auth.Analyst, testPassword); err != nil {
		t.Fatal(err)
	}
	if err := users.Write(path); err != nil {
		t.Fatal(err)
	}
	f, err := auth.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(mem.New(), server.Options{Users: f, Hosts: []string{"team.example:8080"}, SecureCookies: true}).Handler()
	v := url.Values{"user": {"ana"}, "password": {testPassword}}
	rec := send(h, req{"POST", "/login", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	if c := rec.Header().Get("Set-Cookie"); rec.Code != 303 || !strings.Contains(c, "; Secure") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
		t.Errorf("sign in with SecureCookies: got %d, cookie %q; want Secure, HttpOnly, SameSite=Strict", rec.Code, c)
	}
}
