#!/bin/sh
# test_eu_xml.sh — parse of the EU FSF 1.1 fixture (hand-made from the XSD):
# detected without --format, 3 records; hostile EU files rejected.
. tests/integration/lists_b.sh
lb_count tests/data/eu/eu_fsf_handmade_1_1.xml 3
lb_has '"id":"13","type":"individual","name":"Abd Al-Rahman Al-Sample"'
lb_has '"un_id":"QDi.001"'
lb_has '"programs":\["BLR"\],"countries":\["BY"\]'
lb_bad tests/data/hostile-b/eu_xxe.xml
lb_bad tests/data/hostile-b/eu_xxe.xml eu-xml
lb_bad tests/data/hostile-b/eu_wrong_ns.xml eu-xml
lb_bad tests/data/hostile-b/eu_truncated.xml eu-xml
lb_bad tests/data/hostile-b/xhtml.xml eu-xml
lb_bad tests/data/hostile-b/empty.xml eu-xml
exit $lb_fail
