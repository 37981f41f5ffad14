# sanctwatch — GNU make build. `make`, `make run`, `make check`, `make bench`.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system
USERUNITDIR ?= /usr/lib/systemd/user

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libcurl libevent openssl libxml-2.0 sqlite3 libnotify libutf8proc \
	jansson inih libsystemd
TEST_PKGS := cmocka

# Debian packages behind PKGS and the test tools; `make deps` installs the
# missing ones when run as root and prints the one apt-get line otherwise.
DEBS := build-essential pkg-config libcurl4-openssl-dev libevent-dev \
	libssl-dev libxml2-dev libsqlite3-dev libnotify-dev libutf8proc-dev \
	libjansson-dev libinih-dev libsystemd-dev iso-codes
TEST_DEBS := libcmocka-dev python3 python3-aiosmtpd xz-utils sqlite3 openssl \
	libxml2-utils dbus dbus-x11 dunst xvfb libnotify-bin systemd

BUILD ?= build
BIN ?= sanctwatch
# Quiet rules by default; `make V=1` shows every command.
ifeq ($(V),1)
Q :=
else
Q := @
endif
WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wpointer-arith -Wcast-qual \
	-Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
	-Wno-unused-parameter
CSTD := -std=c11 -D_GNU_SOURCE
OPT ?= -O2 -g
ifeq ($(CI),true)
WARN += -Werror
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) -I. -MMD -MP $(PKG_CFLAGS) \
	-DSYSCONFDIR='"$(SYSCONFDIR)"' -DISO_CODES_DIR='"/usr/share/iso-codes/json"' $(CFLAGS) $(SANFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

LIB_SRCS := $(sort $(wildcard daemon/*.c config/*.c watchers/*.c notifiers/*.c))
LIB_SRCS := $(filter-out daemon/main.c,$(LIB_SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/daemon/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.DELETE_ON_ERROR:
.PHONY: all deps check-pkgs run check unit integration check-asan \
	check-valgrind bench fuzz install uninstall clean

all: check-pkgs $(BIN)

check-pkgs:
	@$(PKG_CONFIG) --exists $(PKGS) || { \
	  echo "sanctwatch: missing libraries: $$($(PKG_CONFIG) --print-errors --exists $(PKGS) 2>&1 | head -n 3)" >&2; \
	  echo "sanctwatch: run 'make deps' as root, or: apt-get install $(DEBS)" >&2; exit 1; }

deps:
	@sh tests/deps.sh $(DEBS) $(TEST_DEBS)

$(BIN): $(MAIN_OBJ) $(BUILD)/libsanctwatch.a
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) -lm

$(BUILD)/libsanctwatch.a: $(LIB_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsanctwatch.a
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -o $@ $< $(BUILD)/libsanctwatch.a \
	  $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS) -lm

$(BUILD)/bench/%: bench/%.c bench/bench_recs.h $(BUILD)/libsanctwatch.a
	@mkdir -p $(@D)
	@echo "  BENCH   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libsanctwatch.a $(ALL_LDFLAGS) \
	  $(PKG_LIBS) -lm

run:
	@sh tests/deps.sh $(DEBS)
	@$(MAKE) --no-print-directory all
	./sanctwatch run --config config/sanctwatch.conf

check:
	@sh tests/deps.sh $(DEBS) $(TEST_DEBS)
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit integration

unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

integration: $(BIN)
	@SANCTWATCH=$(CURDIR)/$(BIN) sh tests/integration/run.sh

check-asan:
	@sh tests/deps.sh $(DEBS) $(TEST_DEBS)
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/sanctwatch OPT="-O1 -g" \
	  SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  all unit integration

check-valgrind:
	@sh tests/deps.sh $(DEBS) $(TEST_DEBS) valgrind
	@$(MAKE) --no-print-directory all $(UNIT_BINS)
	@VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp" \
	  sh tests/run-unit.sh $(UNIT_BINS)

bench: all $(BENCH_BINS)
	@sh bench/run.sh

fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SRCS)

# The config and watchlist are installed only where none exists yet (an
# operator's edits survive a reinstall); the .example copies are refreshed.
# Under systemd the state directory comes from StateDirectory=, so the
# bundled config's development state_dir is commented out.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)/sanctwatch \
	  $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(UNITDIR) $(DESTDIR)$(USERUNITDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/sanctwatch
	sed 's|^state_dir = .*|#state_dir = /var/lib/sanctwatch|' config/sanctwatch.conf \
	  >$(DESTDIR)$(SYSCONFDIR)/sanctwatch/sanctwatch.conf.example
	chmod 0644 $(DESTDIR)$(SYSCONFDIR)/sanctwatch/sanctwatch.conf.example
	install -m 0644 config/watchlist.txt $(DESTDIR)$(SYSCONFDIR)/sanctwatch/watchlist.txt.example
	for f in sanctwatch.conf watchlist.txt; do \
	  [ -e $(DESTDIR)$(SYSCONFDIR)/sanctwatch/$$f ] || \
	  cp -p $(DESTDIR)$(SYSCONFDIR)/sanctwatch/$$f.example \
	    $(DESTDIR)$(SYSCONFDIR)/sanctwatch/$$f; done
	# The unit loads this credential; an empty one until a secret is set.
	[ -e $(DESTDIR)$(SYSCONFDIR)/sanctwatch/webhook.secret ] || \
	  install -m 0600 /dev/null $(DESTDIR)$(SYSCONFDIR)/sanctwatch/webhook.secret
	install -m 0644 docs/sanctwatch.8 $(DESTDIR)$(MANDIR)/man8/sanctwatch.8
	install -m 0644 docs/sanctwatch.conf.5 $(DESTDIR)$(MANDIR)/man5/sanctwatch.conf.5
	install -m 0644 docs/sanctwatch-watchlist.5 \
	  $(DESTDIR)$(MANDIR)/man5/sanctwatch-watchlist.5
	for u in systemd/*.service systemd/*.socket; do \
	  case $$u in *agent*) d=$(USERUNITDIR);; *) d=$(UNITDIR);; esac; \
	  sed -e 's|/usr/local/bin/sanctwatch|$(BINDIR)/sanctwatch|g' \
	    -e 's|/etc/sanctwatch/|$(SYSCONFDIR)/sanctwatch/|g' $$u \
	    >$(DESTDIR)$$d/$${u##*/}; \
	  chmod 0644 $(DESTDIR)$$d/$${u##*/}; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sanctwatch $(DESTDIR)$(MANDIR)/man8/sanctwatch.8 \
	  $(DESTDIR)$(MANDIR)/man5/sanctwatch.conf.5 \
	  $(DESTDIR)$(MANDIR)/man5/sanctwatch-watchlist.5 \
	  $(DESTDIR)$(SYSCONFDIR)/sanctwatch/sanctwatch.conf.example \
	  $(DESTDIR)$(SYSCONFDIR)/sanctwatch/watchlist.txt.example
	for u in systemd/*.service systemd/*.socket; do \
	  rm -f $(DESTDIR)$(UNITDIR)/$${u##*/} $(DESTDIR)$(USERUNITDIR)/$${u##*/}; done

clean:
	rm -rf build build-asan sanctwatch

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)
