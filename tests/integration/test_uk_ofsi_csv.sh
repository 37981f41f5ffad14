#!/bin/sh
# test_uk_ofsi_csv.sh — parse of the real OFSI ConList.csv excerpt, with and
# without the "Last Updated" first line: 41 groups; broken files rejected.
. tests/integration/lists_b.sh
f=tests/data/uk_ofsi/ConList_excerpt__2020-03-21__a2320bc.csv
lb_count $f 41
lb_has '"id":"13349","type":"individual","name":"Sheikh Farooq AL-QAHTANI"'
lb_has '"id":"7059".*"countries":\["DE","MA"\]'
{ printf 'Last Updated,21/03/2020\r\n'; sed '1s/^,//' $f; } >"$lb_tmp/ConList.csv"
lb_count "$lb_tmp/ConList.csv" 41
lb_has '"id":"13562","type":"individual","name":"Kim Kyong IL"'
lb_bad tests/data/hostile-b/ofsi_bad_byte.csv
lb_bad tests/data/hostile-b/ofsi_truncated.csv
lb_bad tests/data/hostile-b/xhtml.xml uk-ofsi-csv
lb_bad tests/data/hostile-b/empty.xml uk-ofsi-csv
exit $lb_fail
