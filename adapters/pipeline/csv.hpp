#pragma once
// A small CSV reader (nflverse files for the data pipeline and the
// calibration tools): a header row, then records
// with RFC 4180 quoting (commas, doubled quotes and line breaks inside quoted
// fields; CRLF or LF). Errors name the file and the line.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace playclock::pipeline {

/// A whole CSV file: the header's column names and every record.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// Index of the column `name`; -1 if there is none.
  int column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name)
        return static_cast<int>(i);
    return -1;
  }

  /// Index of the column `name`; throws naming the file if there is none.
  std::size_t require(const std::string& name, const std::string& path) const {
    int i = column(name);
    if (i < 0)
      throw std::runtime_error(path + ": no column '" + name + "' in the header");
    return static_cast<std::size_t>(i);
  }
};

/// Reads `path`. Throws std::runtime_error if the file cannot be read, is
/// empty, has an unterminated quote or a record whose field count differs
/// from the header's.
inline csv_table read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  csv_table t;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  int line = 1;
  int record_line = 1;
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    if (t.header.empty()) {
      t.header = std::move(record);
    } else if (record.size() != t.header.size()) {
      throw std::runtime_error(path + ":" + std::to_string(record_line) + ": " +
                               std::to_string(record.size()) + " fields, the header has " +
                               std::to_string(t.header.size()));
    } else {
      t.rows.push_back(std::move(record));
    }
    record.clear();
    record_line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n')
      ++line;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += text[++i];
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted)
    throw std::runtime_error(path + ":" + std::to_string(record_line) +
                             ": quoted field never closed");
  if (!field.empty() || !record.empty())
    end_record(); // no newline after the last record
  if (t.header.empty())
    throw std::runtime_error(path + ": empty file");
  return t;
}

} // namespace playclock::pipeline
