"""The monthly filing workbook: templates as data, the writer, the read-back."""
