/* cli.c — the offline subcommands: parse, diff (the daemon is in daemon.c). */
#include "daemon/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/diff.h"

#define EXIT_BADINPUT 2

void
cli_input_close(struct cli_input *ci)
{
	for (size_t i = 0; i < ci->nmaps; i++)
		file_unmap(&ci->maps[i]);
	memset(ci, 0, sizeof *ci);
}

int
cli_input_open(struct cli_input *ci, const char *path, const char *fmt,
    const char *const *companion_args, const struct watcher_ops **opsp,
    char *err, size_t errlen)
{
	const struct watcher_ops	*ops;

	memset(ci, 0, sizeof *ci);
	if (file_map(path, &ci->maps[0], err, errlen) == -1)
		return -1;
	ci->nmaps = 1;
	ci->in.main = (struct watcher_file){ "main", path, ci->maps[0].data,
	    ci->maps[0].len };
	if (fmt != NULL) {
		if ((ops = watcher_find(fmt)) == NULL) {
			seterr(err, errlen, "unknown format \"%s\" (see "
			    "sanctwatch formats)", fmt);
			goto fail;
		}
	} else if ((ops = watcher_detect(ci->maps[0].data, ci->maps[0].len))
	    == NULL) {
		seterr(err, errlen, "%s:1: cannot tell the format: %s; give "
		    "--format", path, watcher_sniff(ci->maps[0].data,
		    ci->maps[0].len));
		goto fail;
	}
	/* companion_args holds "role", "file" pairs. */
	for (size_t i = 0; companion_args && companion_args[i]; i += 2) {
		const char	*role = companion_args[i], *file = companion_args[i + 1];
		size_t		 k;
		struct mapped	*m;

		for (k = 0; ops->companions && ops->companions[k]; k++)
			if (strcmp(ops->companions[k], role) == 0)
				break;
		if (ops->companions == NULL || ops->companions[k] == NULL) {
			seterr(err, errlen, "format %s takes no --%s file",
			    ops->name, role);
			goto fail;
		}
		if (ci->in.ncompanions == WATCHER_MAX_COMPANIONS)
			continue;
		m = &ci->maps[ci->nmaps];
		if (file_map(file, m, err, errlen) == -1)
			goto fail;
		ci->nmaps++;
		ci->in.companions[ci->in.ncompanions++] = (struct watcher_file){
		    role, file, m->data, m->len };
	}
	*opsp = ops;
	return 0;
fail:
	cli_input_close(ci);
	return -1;
}

/* Records go to an unlinked temporary file first: nothing reaches stdout
 * unless the whole input is valid, and memory does not grow with it. */
static int
parse_print_cb(struct record *r, void *arg)
{
	json_t	*o = record_to_json(r);
	int	 rc = json_dumpf(o, arg, JSON_COMPACT) == 0 &&
		    fputc('\n', arg) != EOF ? 0 : -1;

	json_decref(o);
	return rc;
}

static int
copy_out(FILE *from)
{
	char	chunk[65536];
	size_t	n;

	rewind(from);
	while ((n = fread(chunk, 1, sizeof chunk, from)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			return -1;
	return ferror(from) || fflush(stdout) != 0 ? -1 : 0;
}

/* Splits argv into options; companion files are --ROLE FILE. */
static int
cli_args(int argc, char **argv, const char **fmt, const char **roles,
    size_t maxroles, int *first, char *err, size_t errlen)
{
	size_t	nr = 0;
	int	i;

	*fmt = NULL;
	for (i = 1; i < argc; i++) {
		const char	*a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
			break;
		if (i + 1 >= argc)
			return seterr(err, errlen, "%s needs a value", a);
		if (strcmp(a, "--format") == 0)
			*fmt = argv[++i];
		else {
			if (nr + 3 > maxroles)
				return seterr(err, errlen, "too many files");
			roles[nr++] = a + 2;
			roles[nr++] = argv[++i];
		}
	}
	roles[nr] = NULL;
	*first = i;
	return 0;
}

int
cli_parse(int argc, char **argv)
{
	const struct watcher_ops	*ops;
	const char			*fmt, *roles[2 * WATCHER_MAX_COMPANIONS + 1];
	struct cli_input		 ci;
	char				 err[SW_ERRLEN];
	int				 first, rc;
	FILE				*out;

	if (cli_args(argc, argv, &fmt, roles, sizeof roles / sizeof *roles,
	    &first, err, sizeof err) == -1 || argc - first != 1) {
		fprintf(stderr, "usage: sanctwatch parse [--format FMT] "
		    "[--ROLE FILE ...] FILE\n");
		return EXIT_BADINPUT;
	}
	if (cli_input_open(&ci, argv[first], fmt, roles, &ops, err,
	    sizeof err) == -1) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return EXIT_BADINPUT;
	}
	if ((out = tmpfile()) == NULL) {
		fprintf(stderr, "sanctwatch: temporary file: %s\n",
		    strerror(errno));
		cli_input_close(&ci);
		return 1;
	}
	snprintf(err, sizeof err, "%s: writing the temporary file failed",
	    argv[first]);
	if (ops->parse(&ci.in, parse_print_cb, out, err, sizeof err) == -1) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		rc = EXIT_BADINPUT;
	} else
		rc = copy_out(out) == 0 ? 0 : 1;
	fclose(out);
	cli_input_close(&ci);
	return rc;
}

static int
diff_print_cb(const struct change *ch, void *arg)
{
	const struct recset_entry	*e = ch->new ? ch->new : ch->old;
	json_t				*rec = json_loads(e->json, 0, NULL);
	json_t				*o, *fields = json_array();
	char				*s;

	for (size_t i = 0; i < ch->fields.n; i++)
		json_array_append_new(fields, json_string(ch->fields.v[i]));
	o = json_pack("{s:s,s:s,s:O,s:o}", "change", change_kind_name(ch->kind),
	    "id", ch->id, "name", json_object_get(rec, "name"),
	    "fields", fields);
	s = json_dumps(o, JSON_COMPACT);
	buf_adds(arg, s);
	buf_addc(arg, '\n');
	free(s);
	json_decref(o);
	json_decref(rec);
	return 0;
}

int
cli_diff(int argc, char **argv)
{
	const struct watcher_ops	*ops[2];
	const char			*fmt, *roles[2 * WATCHER_MAX_COMPANIONS + 1];
	struct cli_input		 ci[2];
	struct recset			 rs[2];
	struct buf			 out = { 0 };
	char				 err[SW_ERRLEN];
	int				 first, rc = EXIT_BADINPUT;

	memset(rs, 0, sizeof rs);
	memset(ci, 0, sizeof ci);
	if (cli_args(argc, argv, &fmt, roles, sizeof roles / sizeof *roles,
	    &first, err, sizeof err) == -1 || argc - first != 2 || roles[0]) {
		fprintf(stderr, "usage: sanctwatch diff [--format FMT] OLD NEW\n");
		return EXIT_BADINPUT;
	}
	for (int k = 0; k < 2; k++) {
		if (cli_input_open(&ci[k], argv[first + k], fmt, NULL, &ops[k],
		    err, sizeof err) == -1 ||
		    recset_parse(ops[k], &ci[k].in, &rs[k], err, sizeof err) == -1) {
			fprintf(stderr, "sanctwatch: %s\n", err);
			goto out;
		}
	}
	if (ops[0] != ops[1]) {
		fprintf(stderr, "sanctwatch: %s is %s but %s is %s; give --format\n",
		    argv[first], ops[0]->name, argv[first + 1], ops[1]->name);
		goto out;
	}
	diff_run(&rs[0], &rs[1], diff_print_cb, &out);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	buf_free(&out);
	for (int k = 0; k < 2; k++) {
		recset_free(&rs[k]);
		cli_input_close(&ci[k]);
	}
	return rc;
}
