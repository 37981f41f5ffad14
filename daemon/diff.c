/* diff.c — record sets and the added/removed/modified walk between them. */
#include "daemon/diff.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

void
recset_add(struct recset *rs, const char *id, char *json, const char *hash)
{
	struct recset_entry	*e;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 1024;
		rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
	}
	e = &rs->v[rs->n++];
	e->id = xstrdup(id);
	e->json = json;
	if (hash != NULL) {
		memcpy(e->hash, hash, 64);
		e->hash[64] = '\0';
	} else
		sha256_hex(json, strlen(json), e->hash);
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct recset_entry *)a)->id,
	    ((const struct recset_entry *)b)->id);
}

static int
entry_seq_cmp(const void *a, const void *b)
{
	const struct recset_entry	*x = a, *y = b;
	int				 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
entry_free(struct recset_entry *e)
{
	free(e->id);
	free(e->json);
}

int
recset_sort(struct recset *rs, int keep_first, char *err, size_t errlen)
{
	size_t	o = 0;

	/* qsort is not stable: order by (id, position) so the first stays. */
	for (size_t i = 0; i < rs->n; i++)
		rs->v[i].seq = i;
	qsort(rs->v, rs->n, sizeof *rs->v, entry_seq_cmp);
	for (size_t i = 0; i < rs->n; i++) {
		if (o > 0 && strcmp(rs->v[o - 1].id, rs->v[i].id) == 0) {
			if (!keep_first)
				return seterr(err, errlen,
				    "record id %s appears twice", rs->v[i].id);
			entry_free(&rs->v[i]);
			continue;
		}
		rs->v[o++] = rs->v[i];
	}
	rs->n = o;
	return 0;
}

const struct recset_entry *
recset_find(const struct recset *rs, const char *id)
{
	struct recset_entry	key = { .id = (char *)(uintptr_t)id };

	return bsearch(&key, rs->v, rs->n, sizeof *rs->v, entry_cmp);
}

void
recset_free(struct recset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		entry_free(&rs->v[i]);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

int
recset_collect_cb(struct record *r, void *arg)
{
	recset_add(arg, r->id, record_canonical(r), NULL);
	return 0;
}

int
recset_parse(const struct watcher_ops *ops, const struct watcher_input *in,
    struct recset *rs, char *err, size_t errlen)
{
	char	e[SW_ERRLEN];

	if (ops->parse(in, recset_collect_cb, rs, err, errlen) == -1) {
		recset_free(rs);
		return -1;
	}
	if (recset_sort(rs, ops->news, e, sizeof e) == -1) {
		recset_free(rs);
		return seterr(err, errlen, "%s: %s", in->main.name, e);
	}
	return 0;
}

const char *
change_kind_name(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED:
		return "added";
	case CHANGE_REMOVED:
		return "removed";
	case CHANGE_MODIFIED:
		return "modified";
	}
	return "?";
}

void
diff_fields(const char *old_json, const char *new_json, struct strvec *out)
{
	json_t		*a = json_loads(old_json, 0, NULL);
	json_t		*b = json_loads(new_json, 0, NULL);
	const char	*key;
	json_t		*v;

	if (a == NULL || b == NULL) {
		strvec_push(out, "record");
		goto out;
	}
	json_object_foreach(a, key, v) {
		if (!json_equal(v, json_object_get(b, key)))
			strvec_push(out, key);
	}
	json_object_foreach(b, key, v) {
		if (json_object_get(a, key) == NULL)
			strvec_push(out, key);
	}
	qsort(out->v, out->n, sizeof *out->v, str_cmp);
out:
	json_decref(a);
	json_decref(b);
}

int
diff_run(const struct recset *old, const struct recset *new, diff_cb cb,
    void *arg)
{
	size_t	i = 0, j = 0;
	int	rc = 0;

	while (rc == 0 && (i < old->n || j < new->n)) {
		struct change	ch;
		int		c;

		memset(&ch, 0, sizeof ch);
		if (i == old->n)
			c = 1;
		else if (j == new->n)
			c = -1;
		else
			c = strcmp(old->v[i].id, new->v[j].id);
		if (c < 0) {
			ch.kind = CHANGE_REMOVED;
			ch.old = &old->v[i++];
			ch.id = ch.old->id;
		} else if (c > 0) {
			ch.kind = CHANGE_ADDED;
			ch.new = &new->v[j++];
			ch.id = ch.new->id;
		} else {
			ch.old = &old->v[i++];
			ch.new = &new->v[j++];
			if (strcmp(ch.old->hash, ch.new->hash) == 0)
				continue;
			ch.kind = CHANGE_MODIFIED;
			ch.id = ch.new->id;
			diff_fields(ch.old->json, ch.new->json, &ch.fields);
		}
		rc = cb(&ch, arg);
		strvec_clear(&ch.fields);
	}
	return rc;
}
