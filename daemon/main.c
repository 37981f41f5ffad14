/* main.c — command dispatch. */
#include <stdio.h>
#include <string.h>

#include "daemon/cli.h"
#include "daemon/cli_alerts.h"

int	cli_screen(int, char **);	/* screen.c */

#define SANCTWATCH_VERSION "0.1.0"

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*help;
} commands[] = {
	{ "run", cli_run, "run [--config FILE] [--once]   poll sources and alert" },
	{ "status", cli_status, "status [--config FILE]         per source: polls, records, held; alerts per channel" },
	{ "check-config", cli_check_config, "check-config [--config FILE]   validate the config, watchlist and suppressions" },
	{ "accept", cli_accept, "accept [--config FILE] SOURCE  apply the download held for SOURCE" },
	{ "parse", cli_parse, "parse [--format FMT] FILE       print records as JSON lines" },
	{ "diff", cli_diff, "diff [--format FMT] OLD NEW     print added/removed/modified" },
	{ "screen", cli_screen, "screen [--format FMT] --watchlist FILE [--suppress FILE] LIST  print watchlist matches as JSON lines" },
	{ "notify-test", cli_notify_test, "notify-test [--config FILE] [CHANNEL]  send a test alert through each channel" },
	{ "alerts", cli_alerts, "alerts [--config FILE] [--limit N] [--retry ID]  recent alerts and their delivery" },
	{ "agent", cli_agent, "agent [--config FILE] [--socket PATH] [--channel NAME] [--once]  show desktop alerts the daemon hands over" },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: sanctwatch COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %s\n", commands[i].help);
	fprintf(f, "\nformats:\n");
	for (size_t i = 0; watcher_table[i] != NULL; i++)
		fprintf(f, "  %-16s %s\n", watcher_table[i]->name,
		    watcher_table[i]->description);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("sanctwatch %s\n", SANCTWATCH_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "sanctwatch: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
