/* watcher.c — the registry of source formats and format detection. */
#include "watchers/watcher.h"

#include <string.h>
#include <strings.h>

extern const struct watcher_ops ofac_sdn_csv_watcher;
extern const struct watcher_ops ofac_cons_csv_watcher;
extern const struct watcher_ops ofac_xml_watcher;
extern const struct watcher_ops un_xml_watcher;
extern const struct watcher_ops feed_watcher;
extern const struct watcher_ops eu_xml_watcher;
extern const struct watcher_ops uk_xml_watcher;
extern const struct watcher_ops uk_ofsi_csv_watcher;
extern const struct watcher_ops ca_sema_xml_watcher;
extern const struct watcher_ops opensanctions_watcher;
extern const struct watcher_ops us_csl_csv_watcher;
extern const struct watcher_ops us_bis_dpl_watcher;

/* One line per format; adding a source is one file and one line here. */
const struct watcher_ops *const watcher_table[] = {
	&ofac_sdn_csv_watcher,
	&ofac_cons_csv_watcher,
	&ofac_xml_watcher,
	&un_xml_watcher,
	&feed_watcher,
	&eu_xml_watcher,
	&uk_xml_watcher,
	&uk_ofsi_csv_watcher,
	&ca_sema_xml_watcher,
	&opensanctions_watcher,
	&us_csl_csv_watcher,
	&us_bis_dpl_watcher,
	NULL
};

const struct watcher_ops *
watcher_find(const char *name)
{
	for (size_t i = 0; watcher_table[i] != NULL; i++)
		if (strcmp(watcher_table[i]->name, name) == 0)
			return watcher_table[i];
	return NULL;
}

const struct watcher_ops *
watcher_detect(const char *data, size_t len)
{
	const struct watcher_ops	*best = NULL;
	int				 score, best_score = 0;

	for (size_t i = 0; watcher_table[i] != NULL; i++) {
		if (watcher_table[i]->detect == NULL)
			continue;
		score = watcher_table[i]->detect(data, len);
		if (score > best_score) {
			best_score = score;
			best = watcher_table[i];
		}
	}
	return best_score >= 50 ? best : NULL;
}

const struct watcher_file *
watcher_companion(const struct watcher_input *in, const char *role)
{
	for (size_t i = 0; i < in->ncompanions; i++)
		if (strcmp(in->companions[i].role, role) == 0)
			return &in->companions[i];
	return NULL;
}

const char *
watcher_sniff(const char *data, size_t len)
{
	size_t	i = 0;

	if (len == 0)
		return "empty file";
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == len)
		return "file holds only white space";
	if (len - i >= 9 && (strncasecmp(data + i, "<!doctype", 9) == 0 ||
	    strncasecmp(data + i, "<html", 5) == 0))
		return "an HTML page, not a list";
	if (data[i] == '<')
		return "XML of an unknown format";
	if (data[i] == '{' || data[i] == '[')
		return "JSON of an unknown format";
	if (len - i >= 2 && data[i] == 0x1f && (unsigned char)data[i + 1] == 0x8b)
		return "gzip data";
	if (len - i >= 4 && memcmp(data + i, "PK\3\4", 4) == 0)
		return "a ZIP archive";
	return "unrecognised content";
}
