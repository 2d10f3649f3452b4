package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Request body caps, per route (Handler): a body over its cap is 413
// before it is read whole.
const (
	// maxCypherBody caps POST /api/cypher: a query and its parameters.
	maxCypherBody = 64 << 10
	// maxDefaultBody caps every other request's body; the reads take
	// none.
	maxDefaultBody = 64 << 10
)

// errTooLarge is a body over its route's cap (413).
var errTooLarge = errors.New("request body too large")

// bodyCaps are the routes whose bodies may exceed maxDefaultBody.
var bodyCaps = map[string]int64{
	"POST /api/cypher": maxCypherBody,
	"POST /api/export": maxExportBody,
}

// capBodies caps every request's body at its route's cap (bodyCaps, else
// maxDefaultBody): a declared length over it is refused at once, and a
// body that turns out longer fails its read.
func capBodies() gin.HandlerFunc {
	return func(c *gin.Context) {
		n, ok := bodyCaps[c.Request.Method+" "+c.FullPath()]
		if !ok {
			n = maxDefaultBody
		}
		if c.Request.ContentLength > n {
			c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, gin.H{"error": tooLarge(n).Error()})
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

func tooLarge(n int64) error {
	return fmt.Errorf("%w: the limit for this route is %d KiB; send less", errTooLarge, n>>10)
}

// bodyError turns a failed body read into errTooLarge when the cap was
// the reason.
func bodyError(err error) (error, bool) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(mbe.Limit), true
	}
	return err, false
}

// maxErrorMessage caps what an error body says: messages may quote input
// (a query, a parameter) and must never echo more than a short prefix.
const maxErrorMessage = 600

// clip cuts msg to maxErrorMessage bytes, on a rune boundary.
func clip(msg string) string {
	if len(msg) <= maxErrorMessage {
		return msg
	}
	cut := maxErrorMessage
	for cut > 0 && msg[cut]&0xC0 == 0x80 {
		cut--
	}
	return msg[:cut] + fmt.Sprintf("... (%d more bytes cut)", len(msg)-cut)
}
