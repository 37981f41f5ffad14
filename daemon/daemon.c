/* daemon.c — placeholder until the loop lands. */
#include "daemon/cli.h"
int
cli_run(int argc, char **argv)
{
	return 1;
}
