package api

import (
	"container/list"
	"strconv"
	"sync"
)

// resultCache keeps encoded ranking and result bodies of this instance,
// each under its query key and the results version it was built at
// (Store.ResultsVersion, which every change to what they are read from
// moves in its own transaction). A request reads the current version first
// and is served from the cache only when the entry was built at exactly
// that version, so an instance never serves what another instance (or a
// script) has since changed. Entries are evicted least recently used first,
// bounded by count and bytes. Queries that miss together at one version are
// built once (the others wait for that build).
type resultCache struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int
	bytes      int
	order      *list.List // of *cacheEntry, most recently used first
	entries    map[string]*list.Element
	building   map[string]*cacheBuild
}

type cacheEntry struct {
	key     string
	version int64
	body    []byte
	meta    any // what a per-caller check needs besides the body (results)
}

type cacheBuild struct {
	done chan struct{}
	ok   bool
	body []byte
	meta any
}

func newResultCache(maxEntries, maxBytes int) *resultCache {
	return &resultCache{maxEntries: maxEntries, maxBytes: maxBytes, order: list.New(),
		entries: map[string]*list.Element{}, building: map[string]*cacheBuild{}}
}

// get returns the body and meta stored under key at version.
func (rc *resultCache) get(key string, version int64) ([]byte, any, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	el, ok := rc.entries[key]
	if !ok {
		return nil, nil, false
	}
	e := el.Value.(*cacheEntry)
	if e.version != version {
		return nil, nil, false
	}
	rc.order.MoveToFront(el)
	return e.body, e.meta, true
}

// put stores a body built at version; an entry of a newer version is kept.
func (rc *resultCache) put(key string, version int64, body []byte, meta any) {
	if len(body) > rc.maxBytes/8 {
		return // too large to be worth a slot
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if el, ok := rc.entries[key]; ok {
		e := el.Value.(*cacheEntry)
		if e.version > version {
			return
		}
		rc.bytes += len(body) - len(e.body)
		e.version, e.body, e.meta = version, body, meta
		rc.order.MoveToFront(el)
	} else {
		rc.entries[key] = rc.order.PushFront(&cacheEntry{key: key, version: version, body: body, meta: meta})
		rc.bytes += len(body)
	}
	for rc.order.Len() > rc.maxEntries || rc.bytes > rc.maxBytes {
		el := rc.order.Back()
		e := el.Value.(*cacheEntry)
		rc.order.Remove(el)
		delete(rc.entries, e.key)
		rc.bytes -= len(e.body)
	}
}

// load returns the body under key at version, building it with build on a
// miss; concurrent misses of the same key and version share one build. ok
// is false when the build failed (build wrote its own response then; the
// waiters build for themselves, so that each gets its own error).
func (rc *resultCache) load(key string, version int64, build func() ([]byte, any, bool)) (body []byte, meta any, ok bool) {
	if body, meta, ok := rc.get(key, version); ok {
		return body, meta, true
	}
	flight := key + "@" + formatVersion(version)
	rc.mu.Lock()
	if b, waiting := rc.building[flight]; waiting {
		rc.mu.Unlock()
		<-b.done
		if b.ok {
			return b.body, b.meta, true
		}
		return build()
	}
	b := &cacheBuild{done: make(chan struct{})}
	rc.building[flight] = b
	rc.mu.Unlock()
	defer func() {
		rc.mu.Lock()
		delete(rc.building, flight)
		rc.mu.Unlock()
		close(b.done)
	}()
	b.body, b.meta, b.ok = build()
	if b.ok {
		rc.put(key, version, b.body, b.meta)
	}
	return b.body, b.meta, b.ok
}

func formatVersion(v int64) string { return strconv.FormatInt(v, 10) }
