"""The statistics page (统计): the figures of the reputation-risk year as charts."""
