"""The 数据交换 page: peers, export and import of packages, conflicts."""
