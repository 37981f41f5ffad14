/* cli.h — the subcommands behind `sanctwatch COMMAND`. */
#ifndef SW_CLI_H
#define SW_CLI_H

#include "watchers/watcher.h"

/* Files named on a command line, mapped for a watcher. */
struct cli_input {
	struct watcher_input	 in;
	struct mapped		 maps[1 + WATCHER_MAX_COMPANIONS];
	size_t			 nmaps;
};

int	cli_parse(int, char **);
int	cli_diff(int, char **);
int	cli_run(int, char **);
int	cli_accept(int, char **);
int	cli_status(int, char **);
int	cli_check_config(int, char **);

/*
 * Maps path (and companion files) and resolves the format: fmt by name, or
 * detected from the bytes. Returns 0, or -1 with a one-line err.
 */
int	cli_input_open(struct cli_input *, const char *path, const char *fmt,
	    const char *const *companion_args, const struct watcher_ops **ops,
	    char *err, size_t errlen);
void	cli_input_close(struct cli_input *);

#endif
