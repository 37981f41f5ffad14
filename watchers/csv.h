/* csv.h — a zero-copy-ish CSV row reader over a byte range (RFC 4180 plus
 * OFAC's habits: CRLF, a trailing 0x1A, unquoted free text). */
#ifndef SW_CSV_H
#define SW_CSV_H

#include <stddef.h>

#include "daemon/util.h"

#define CSV_MAX_FIELDS 64

struct csv_reader {
	const char	*name;		/* for error messages */
	const char	*p;
	const char	*end;
	size_t		 line;		/* line where the current row starts */
	size_t		 next_line;
	char		 sep;
	struct buf	 out;		/* the row's fields, NUL-separated */
	size_t		 off[CSV_MAX_FIELDS];
	char		 quoted[CSV_MAX_FIELDS];
	const char	*field[CSV_MAX_FIELDS];
	size_t		 nfields;
	int		 terminated;	/* row ended with a line break */
};

void	csv_open(struct csv_reader *, const char *name, const char *data,
	    size_t len, char sep);
void	csv_close(struct csv_reader *);
/* 1 with a row in field[0..nfields), 0 at the end, -1 with err set. */
int	csv_next(struct csv_reader *, char *err, size_t errlen);
/*
 * Checks the row has ncols fields and, when it is a last line with no line
 * break, that its last field was not cut short (quoted or empty). Returns 0
 * or -1 with "file:line: ..." in err.
 */
int	csv_check_row(const struct csv_reader *, size_t ncols, char *err,
	    size_t errlen);

/* The index of the column named name (case-insensitive) among hdr[0..n),
 * or -1. */
int	 csv_column(char *const *hdr, int n, const char *name);
/* A header cell without surrounding blanks or CR. Caller frees. */
char	*csv_header_name(const char *field);
/* A JSON key for a published column: "Effective_Date" and "Street Address"
 * give "effective_date", "street_address". A key that is one of the
 * record's core fields gets prefix and "_" in front. Caller frees. */
char	*csv_column_key(const char *header, const char *prefix);

#endif
