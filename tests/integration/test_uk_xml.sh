#!/bin/sh
# test_uk_xml.sh — parse of the UK Sanctions List fixture (hand-made from
# published element names): detected, 3 records; hostile files rejected.
. tests/integration/lists_b.sh
lb_count tests/data/uk_fcdo/uk_sanctions_list_handmade.xml 3
lb_has '"id":"RUS0251","type":"individual","name":"Ivan Petrovich EXAMPLEOV"'
lb_has '"id":"DPR0001","type":"vessel"'
lb_bad tests/data/hostile-b/uk_laughs.xml
lb_bad tests/data/hostile-b/uk_xxe_url.xml
lb_bad tests/data/hostile-b/uk_no_records.xml
lb_bad tests/data/hostile-b/xhtml.xml uk-xml
lb_bad tests/data/hostile-b/empty.xml uk-xml
exit $lb_fail
