"""CSV and XML readers: encodings, delimiters, quoting, nesting, rejects, line numbers."""

from pathlib import Path

import pytest

from xena2archive.tables import csv_reader, xml_reader


def _csv(tmp_path: Path, data: bytes) -> tuple[csv_reader.CsvFormat, list[str], list]:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    fmt = csv_reader.sniff(path)
    header, records = csv_reader.read(path, fmt)
    return fmt, header, list(records)


def test_utf8_bom_semicolon(tmp_path):
    fmt, header, records = _csv(tmp_path, "\ufeffId;Navn\r\n1;Bøgh\r\n".encode("utf-8"))
    assert (fmt.encoding, fmt.delimiter) == ("utf-8-sig", ";")
    assert header == ["Id", "Navn"] and records[0].values == ["1", "Bøgh"]


def test_cp1252_comma_and_tab(tmp_path):
    fmt, _, records = _csv(tmp_path, "Id,Navn\n1,\"Søren, æble\"\n".encode("cp1252"))
    assert (fmt.encoding, fmt.delimiter) == ("cp1252", ",")
    assert records[0].values == ["1", "Søren, æble"]
    fmt, _, _ = _csv(tmp_path, b"Id\tNavn\n1\tx\n")
    assert fmt.delimiter == "\t"


def test_utf16_with_bom(tmp_path):
    fmt, _header, records = _csv(tmp_path, "Id;Navn\r\n1;Å\r\n".encode("utf-16"))
    assert fmt.encoding == "utf-16" and records[0].values == ["1", "Å"]


def test_embedded_newlines_and_line_numbers(tmp_path):
    _, _, records = _csv(tmp_path, b'Id;Tekst\n1;"to\nlinjer"\n2;x\n3\n')
    assert [r.line for r in records] == [2, 4, 5]
    assert records[0].values == ["1", "to\nlinjer"]
    assert records[2].values is None and records[2].reject.message == "1 field where the header has 2."


def test_bad_bytes_in_utf8_file_become_rejects(tmp_path):
    fmt, _, records = _csv(tmp_path, "Id;Navn\n1;Bøgh\n2;B\xf8gh\n".encode().replace(b"B\xc3\xb8gh\n2;B\xc3\xb8gh",
                                                                                     b"B\xc3\xb8gh\n2;B\xf8gh"))
    assert fmt.encoding == "utf-8" and fmt.bad_byte_lines == 1
    assert records[0].values == ["1", "Bøgh"]
    assert records[1].values is None and records[1].reject.message == "bytes that are not valid utf-8."
    assert records[1].raw == ["2", "B\\xf8gh"]


def test_xml_nested_nil_arrays_attributes(tmp_path):
    path = tmp_path / "t.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<ArrayOfPartnerDto xmlns="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<PartnerDto Kind="a"><Id>1</Id><Address><AddressDto><Name>Bøgh</Name><Street i:nil="true"/>'
        '</AddressDto></Address><Tags><string>a</string><string>b</string></Tags><Note></Note></PartnerDto>\n'
        '<PartnerDto><Id>2</Id><Dimensions><DepartmentId>7</DepartmentId></Dimensions><One><string>z</string></One>'
        '<Teams><TeamDto><Id>1</Id></TeamDto><TeamDto><Id>2</Id></TeamDto></Teams></PartnerDto>\n'
        '</ArrayOfPartnerDto>\n', encoding="utf-8")
    records = list(xml_reader.read(path))
    assert records[0].line == 3
    assert records[0].values == {"Kind": "a", "Id": "1", "Address.Name": "Bøgh", "Address.Street": None,
                                 "Tags": ["a", "b"], "Note": ""}
    assert records[1].values == {"Id": "2", "Dimensions.DepartmentId": "7", "One": ["z"],
                                 "Teams": [{"Id": "1"}, {"Id": "2"}]}
    assert xml_reader.declared_encoding(path) == "utf-8"


def test_xml_broken_reports_line(tmp_path):
    path = tmp_path / "t.xml"
    path.write_text("<A>\n<R><Id>1</Id></R>\n<R><Id>2</Id>\n</A>\n")
    records = []
    with pytest.raises(xml_reader.XmlBroken) as broken:
        for record in xml_reader.read(path):
            records.append(record)
    assert (broken.value.line, broken.value.read, broken.value.unread) == (4, 1, 1)
    assert [r.values for r in records] == [{"Id": "1"}]


ROWS = 40
DAMAGES = {  # the damage put into one row: what a parser meets while feeding, or only at the end
    "mismatched-end-tag": lambda row: row.replace("</T>", "</X>"),
    "control-character": lambda row: row.replace("tekst", "te\x01kst"),
    "undefined-entity": lambda row: row.replace("tekst", "&ukendt;"),
    "bare-ampersand": lambda row: row.replace("tekst", "A & B"),  # libxml2 holds it back to the end
    "cut-off": lambda row: row[: row.index("<T>") + 5],  # the file ends inside the row
}


def _rows_xml(bad: int, damage: str) -> bytes:
    rows = [f"<R><Id>{n}</Id><T>tekst {n} æøå</T></R>\n" for n in range(1, ROWS + 1)]
    rows[bad - 1] = DAMAGES[damage](rows[bad - 1])
    if damage == "cut-off":
        rows = rows[:bad]
    return ("<?xml version='1.0' encoding='utf-8'?>\n<A>\n" + "".join(rows) + "</A>\n").encode()


@pytest.mark.parametrize("damage", DAMAGES)
def test_xml_damage_keeps_every_row_before_it_exactly_once(tmp_path, monkeypatch, damage):
    """Wherever the damage falls against the parser's read buffer (here 97 bytes, so it falls at every
    place in a row over the cases), each row before it comes out once and none after it."""
    monkeypatch.setattr(xml_reader, "_CHUNK", 97)
    path = tmp_path / "t.xml"
    for bad in range(1, ROWS + 1):
        path.write_bytes(_rows_xml(bad, damage))
        ids = []
        with pytest.raises(xml_reader.XmlBroken) as broken:
            for record in xml_reader.read(path):
                ids.append(int(record.values["Id"]))
        assert ids == list(range(1, bad)), (damage, bad)
        unread = 1 if damage == "cut-off" else ROWS - bad + 1
        assert (broken.value.read, broken.value.unread) == (bad - 1, unread), (damage, bad)
        assert broken.value.line == bad + 2 or damage in ("bare-ampersand", "cut-off"), (damage, bad)


def test_xml_ending_after_a_whole_row_keeps_that_row(tmp_path):
    path = tmp_path / "t.xml"
    path.write_text("<A>\n<R><Id>1</Id></R>\n<R><Id>2</Id></R>")
    records = []
    with pytest.raises(xml_reader.XmlBroken) as broken:
        records.extend(xml_reader.read(path))
    assert [r.values for r in records] == [{"Id": "1"}, {"Id": "2"}]
    assert (broken.value.read, broken.value.unread) == (2, 0)


def test_count_start_tags_across_chunks_prefixes_and_encodings(tmp_path, monkeypatch):
    monkeypatch.setattr(xml_reader, "_CHUNK", 7)  # every tag is cut by a chunk's end somewhere
    text = ('<?xml version="1.0" encoding="{}"?>\n<a:A xmlns:a="urn:x"><a:R k="1"/><R>\n<Rx/></R>'
            "<R\t>æ</R><RR/><a:R></a:R></a:A>")
    for encoding in ("utf-8", "utf-16", "windows-1252"):
        path = tmp_path / f"{encoding}.xml"
        path.write_bytes(text.format(encoding).encode(encoding))
        assert xml_reader.count_start_tags(path, "R") == 4, encoding


def test_xml_entities_inside_the_file_are_expanded_outside_ones_make_a_reject(tmp_path):
    inside = tmp_path / "inside.xml"
    inside.write_text('<?xml version="1.0"?>\n<!DOCTYPE A [<!ENTITY co "Bøgh">]>\n'
                      "<A><R><D>&co; &amp; Søn</D></R></A>", encoding="utf-8")
    assert xml_reader.outside_entities(inside) == []
    assert [r.values for r in xml_reader.read(inside)] == [{"D": "Bøgh & Søn"}]

    outside = tmp_path / "outside.xml"
    outside.write_text('<?xml version="1.0"?>\n<!DOCTYPE A [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                       "<A>\n<R><D>a &x; b</D></R>\n<R><D>c</D></R></A>", encoding="utf-8")
    assert xml_reader.outside_entities(outside) == ["x (file:///etc/passwd)"]
    first, second = xml_reader.read(outside)
    assert first.values is None and first.line == 4 and first.reject.code == "reject-outside-entity"
    assert "&x;" in first.reject.message
    assert second.values == {"D": "c"}
