/* notifier.c — the registry of alert channels. */
#include "notifiers/notifier.h"

#include <string.h>

extern const struct notifier_ops webhook_notifier;

/* One line per channel. */
const struct notifier_ops *const notifier_table[] = {
	&webhook_notifier,
	NULL
};

const struct notifier_ops *
notifier_find(const char *name)
{
	for (size_t i = 0; notifier_table[i] != NULL; i++)
		if (strcmp(notifier_table[i]->name, name) == 0)
			return notifier_table[i];
	return NULL;
}
