/* cli_alerts.h — the delivery-side commands: notify-test, alerts, agent. */
#ifndef SW_CLI_ALERTS_H
#define SW_CLI_ALERTS_H

int	cli_notify_test(int, char **);
int	cli_alerts(int, char **);
int	cli_agent(int, char **);	/* cli_agent.c */

#endif
